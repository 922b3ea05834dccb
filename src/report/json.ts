import type { ConfigFinding } from '../core/config-finding.ts';
import { sortConfigFindings } from '../core/config-finding-order.ts';
import type { Finding, MatchDetail, Suppression } from '../core/finding.ts';
import type { ImageInfo } from '../core/image-info.ts';
import type { FileError } from '../core/inventory.ts';
import type { Location } from '../core/location.ts';
import type { OsInfo } from '../core/os-info.ts';
import type { Package } from '../core/package.ts';
import type { Relationship, ScanResult } from '../core/scan-result.ts';
import type { EncodeOptions } from './encoder.ts';
import { sortFindings } from './finding-order.ts';
import { compareCodeUnits as cmp, sortPackages } from './sort-packages.ts';

/** The version of the `--format json` schema (docs/json-format.md); fields are only added within it. */
export const JSON_SCHEMA_VERSION = 1;

/** The `--format json` document: the ScanResult in a fixed key order, plus `schemaVersion`. */
export type JsonReport = { readonly schemaVersion: typeof JSON_SCHEMA_VERSION } & ScanResult;

/** A copy with object keys sorted at every depth (array order kept), for open-ended records. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => cmp(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/**
 * Builds an object with the keys in the order given, leaving out undefined values. JSON.stringify
 * follows insertion order, so this fixes the order of keys in the output.
 */
function ordered<T>(fields: { [K in keyof T]-?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

function location(l: Location): Location {
  const layer = l.layer && ordered({ index: l.layer.index, diffId: l.layer.diffId, digest: l.layer.digest });
  return ordered<Location>({ path: l.path, layer });
}

function pkg(p: Package): Package {
  return ordered<Package>({
    id: p.id,
    name: p.name,
    version: p.version,
    type: p.type,
    ecosystem: p.ecosystem,
    purl: p.purl,
    arch: p.arch,
    source: p.source && ordered({ name: p.source.name, version: p.source.version }),
    licenses: p.licenses,
    maintainer: p.maintainer,
    locations: p.locations.map(location),
    files: p.files,
    dependsOn: p.dependsOn,
    direct: p.direct,
    dev: p.dev,
    hashes: p.hashes?.map((h) => ordered({ alg: h.alg, content: h.content })),
    foundBy: p.foundBy,
    metadata: p.metadata && (sortKeys(p.metadata) as Package['metadata']),
  });
}

function image(i: ImageInfo): ImageInfo {
  const { os, architecture, variant } = i.platform;
  return ordered<ImageInfo>({
    reference: i.reference,
    manifestDigest: i.manifestDigest,
    configDigest: i.configDigest,
    mediaType: i.mediaType,
    platform: ordered({ os, architecture, variant }),
    repoTags: i.repoTags,
    repoDigests: i.repoDigests,
    layers: i.layers.map((l) =>
      ordered({
        index: l.index,
        digest: l.digest,
        diffId: l.diffId,
        mediaType: l.mediaType,
        size: l.size,
        createdBy: l.createdBy,
      }),
    ),
    config: sortKeys(i.config) as ImageInfo['config'],
    created: i.created,
  });
}

function os(o: OsInfo): OsInfo {
  return ordered<OsInfo>({
    id: o.id,
    versionId: o.versionId,
    versionCodename: o.versionCodename,
    prettyName: o.prettyName,
    idLike: o.idLike,
    distroless: o.distroless,
    source: o.source,
  });
}

const relationship = (r: Relationship): Relationship => ({ from: r.from, to: r.to, type: r.type });
const fileError = (e: FileError): FileError =>
  ordered<FileError>({ path: e.path, stage: e.stage, message: e.message, layer: e.layer });

function matchDetail(d: MatchDetail): MatchDetail {
  const m = d.matched;
  return ordered<MatchDetail>({
    advisoryId: d.advisoryId,
    source: d.source,
    via: d.via,
    ecosystem: d.ecosystem,
    name: d.name,
    version: d.version,
    matched:
      m.kind === 'version'
        ? { kind: m.kind, version: m.version }
        : ordered({
            kind: m.kind,
            type: m.type,
            introduced: m.introduced,
            fixed: m.fixed,
            lastAffected: m.lastAffected,
          }),
  });
}

function finding(f: Finding): Finding {
  const p = f.package;
  return ordered<Finding>({
    id: f.id,
    aliases: f.aliases,
    package: ordered<Finding['package']>({
      id: p.id,
      name: p.name,
      version: p.version,
      type: p.type,
      ecosystem: p.ecosystem,
      purl: p.purl,
      locations: p.locations.map(location),
    }),
    fixedVersions: f.fixedVersions,
    fixState: f.fixState,
    severity: f.severity,
    severitySource: f.severitySource,
    cvss: f.cvss.map((c) => ({
      version: c.version,
      vector: c.vector,
      baseScore: c.baseScore,
      source: c.source,
    })),
    kev:
      f.kev &&
      ordered({
        dateAdded: f.kev.dateAdded,
        dueDate: f.kev.dueDate,
        knownRansomwareCampaignUse: f.kev.knownRansomwareCampaignUse,
        vulnerabilityName: f.kev.vulnerabilityName,
        requiredAction: f.kev.requiredAction,
      }),
    epss: f.epss && ordered({ score: f.epss.score, percentile: f.epss.percentile, date: f.epss.date }),
    risk: f.risk,
    title: f.title,
    description: f.description,
    published: f.published,
    references: f.references,
    details: f.details.map(matchDetail),
    suppressed: f.suppressed && suppression(f.suppressed),
  });
}

function suppression(s: Suppression): Suppression {
  return { kind: s.kind, status: s.status, reason: s.reason, source: s.source };
}

function configFinding(f: ConfigFinding): ConfigFinding {
  const { resource: r, location: l } = f;
  return ordered<ConfigFinding>({
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    remediation: f.remediation,
    references: f.references,
    resource: ordered<ConfigFinding['resource']>({
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      apiVersion: r.apiVersion,
    }),
    location: ordered<ConfigFinding['location']>({
      file: l.file,
      startLine: l.startLine,
      endLine: l.endLine,
      path: l.path,
    }),
    suppressed: f.suppressed && suppression(f.suppressed),
  });
}

function vulnerabilities(v: NonNullable<ScanResult['vulnerabilities']>): ScanResult['vulnerabilities'] {
  return {
    findings: sortFindings(v.findings).map(finding),
    warnings: [...v.warnings]
      .sort((a, b) => cmp(a.packageId, b.packageId) || cmp(a.message, b.message))
      .map((w) => ({ packageId: w.packageId, message: w.message })),
    database: [...v.database]
      .sort((a, b) => cmp(a.source, b.source))
      .map((d) => ({ source: d.source, importedAt: d.importedAt })),
  };
}

/**
 * The scan as the documented JSON document: keys in a fixed order, packages sorted by name,
 * version, type and id, relationships by from, to and type; errors keep the order they were met in.
 * Findings are sorted by severity (highest first), id and package; warnings by package id and
 * database entries by source. Misconfigurations are sorted by severity, file, line and rule id
 * (compareConfigFindings); a scan without them encodes exactly as before they existed.
 */
export function toJsonReport(result: ScanResult): JsonReport {
  return ordered<JsonReport>({
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    target: { kind: result.target.kind, name: result.target.name },
    image: result.image && image(result.image),
    os: result.os && os(result.os),
    packages: sortPackages(result.packages).map(pkg),
    relationships: [...result.relationships]
      .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type))
      .map(relationship),
    errors: result.errors.map(fileError),
    vulnerabilities: result.vulnerabilities && vulnerabilities(result.vulnerabilities),
    misconfigurations:
      result.misconfigurations && sortConfigFindings(result.misconfigurations).map(configFinding),
    createdAt: result.createdAt,
  });
}

/** `--format json`: toJsonReport, pretty-printed, newline-terminated. */
export function encodeJson(result: ScanResult, _opts?: EncodeOptions): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
