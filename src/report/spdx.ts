import { randomUUID } from 'node:crypto';
import type { Finding } from '../core/finding.ts';
import type { Package } from '../core/package.ts';
import type { ScanResult, TargetKind } from '../core/scan-result.ts';
import { dependencyGraph } from './dependency-graph.ts';
import type { EncodeOptions } from './encoder.ts';
import { packageIndexer } from './finding-package.ts';
import { digestHash, imagePurl } from './image-purl.ts';
import { parseMaintainer } from './maintainer.ts';
import { imageProperties, osProperties, type Property, packageProperties } from './properties.ts';
import { sortPackages } from './sort-packages.ts';
import { spdxIdString } from './spdx-ids.ts';
import { type ExtractedLicensingInfo, spdxLicenseRefs } from './spdx-licenses.ts';
import { securityRefs } from './spdx-security-refs.ts';
import { uniqueIds } from './unique-ids.ts';

export interface SpdxAnnotation {
  annotationDate: string;
  annotationType: 'OTHER';
  annotator: string;
  comment: string;
}

/** The parts of an SPDX 2.3 package we emit. */
export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  checksums?: { algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | 'MD5'; checksumValue: string }[];
  sourceInfo?: string;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  description?: string;
  externalRefs?: SpdxExternalRef[];
  primaryPackagePurpose: 'CONTAINER' | 'FILE' | 'SOURCE' | 'OTHER' | 'OPERATING-SYSTEM' | 'LIBRARY';
  annotations?: SpdxAnnotation[];
}

export type SpdxExternalRef =
  | { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }
  | { referenceCategory: 'SECURITY'; referenceType: 'advisory'; referenceLocator: string; comment: string };

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS' | 'DEPENDS_ON';
  relatedSpdxElement: string;
}

export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  hasExtractedLicensingInfos?: ExtractedLicensingInfo[];
  relationships: SpdxRelationship[];
}

const ROOT_PURPOSE: Record<TargetKind, SpdxPackage['primaryPackagePurpose']> = {
  image: 'CONTAINER',
  rootfs: 'FILE',
  filesystem: 'FILE',
  repository: 'SOURCE',
  sbom: 'OTHER',
  // Manifests and Dockerfiles: the configuration is source, not a built artifact.
  config: 'SOURCE',
};

/** SPDX dates are UTC to the second: `2024-05-01T12:00:00Z`. */
function spdxDate(iso: string): string {
  const d = new Date(iso);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Agent syntax (`Organization: name (email)`); parentheses in a name would end it early. */
function supplier(maintainer: string | undefined): string {
  const c = parseMaintainer(maintainer);
  if (!c) return 'NOASSERTION';
  const name = c.name.replace(/[()]/g, '');
  return `Organization: ${name}${c.email ? ` (${c.email})` : ''}`;
}

function sourceInfo(pkg: Package): string {
  const parts: string[] = [];
  if (pkg.source)
    parts.push(
      `built from source package ${[pkg.source.name, pkg.source.version].filter(Boolean).join(' ')}`,
    );
  const paths = [...new Set(pkg.locations.map((l) => `/${l.path}`))];
  parts.push(`found by ${pkg.foundBy}${paths.length ? ` in ${paths.join(', ')}` : ''}`);
  return parts.join('; ');
}

const SPDX_ALG = { MD5: 'MD5', 'SHA-1': 'SHA1', 'SHA-256': 'SHA256', 'SHA-512': 'SHA512' } as const;

function purlRefs(purl: string | undefined): SpdxPackage['externalRefs'] {
  // The locator may hold no spaces; a purl with one is not a valid purl anyway.
  if (!purl || /\s/.test(purl)) return undefined;
  return [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }];
}

function refs(...lists: (SpdxExternalRef[] | undefined)[]): SpdxExternalRef[] | undefined {
  const all = lists.flatMap((l) => l ?? []);
  return all.length ? all : undefined;
}

/** Drops undefined fields so optional ones are absent. */
function compact<T extends object>(obj: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The scan as an SPDX 2.3 document. The image (or directory) is the root package, which the
 * document DESCRIBES and which CONTAINS the OS (a package of purpose OPERATING-SYSTEM) and every
 * package; packages get DEPENDS_ON edges to their resolved dependencies and CONTAINS edges from
 * their containers. Data without an SPDX field (layers, locations, image config) goes into
 * annotations as `name: value` with the same names as the CycloneDX properties. SPDX 2.3 has no
 * vulnerability section: a matched scan gives each affected package one SECURITY `advisory`
 * external reference per finding (see securityRefs).
 */
export function toSpdx(result: ScanResult, opts: EncodeOptions = {}): SpdxDocument {
  const created = spdxDate(result.createdAt);
  const annotator = `Tool: ${result.tool.name}-${result.tool.version}`;
  const annotations = (list: readonly Property[]): SpdxAnnotation[] | undefined =>
    list.length
      ? list.map(([n, v]) => ({
          annotationDate: created,
          annotationType: 'OTHER',
          annotator,
          comment: `${n}: ${v}`,
        }))
      : undefined;
  const licenses = spdxLicenseRefs();
  const { image, os, target } = result;

  const alloc = uniqueIds();
  const kindName = target.kind.charAt(0).toUpperCase() + target.kind.slice(1);
  const rootId = alloc(`SPDXRef-DocumentRoot-${kindName}`);
  const hash = digestHash(image?.manifestDigest);
  const root = compact<SpdxPackage>({
    SPDXID: rootId,
    name: image?.reference ?? target.name,
    versionInfo: image ? (image.manifestDigest ?? image.configDigest) : undefined,
    supplier: 'NOASSERTION',
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    checksums: hash
      ? [{ algorithm: hash.alg.replace('-', '') as 'SHA256', checksumValue: hash.hex }]
      : undefined,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    externalRefs: purlRefs(image && imagePurl(image)),
    primaryPackagePurpose: ROOT_PURPOSE[target.kind],
    annotations: annotations([
      ['bulwark:target:kind', target.kind],
      ...(image ? imageProperties(image) : []),
    ]),
  });
  const packages: SpdxPackage[] = [root];
  const relationships: SpdxRelationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
  ];

  if (os) {
    const osId = alloc('SPDXRef-OperatingSystem');
    packages.push(
      compact<SpdxPackage>({
        SPDXID: osId,
        name: os.id,
        versionInfo: os.versionId,
        supplier: 'NOASSERTION',
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        description: os.prettyName,
        primaryPackagePurpose: 'OPERATING-SYSTEM',
        annotations: annotations(osProperties(os)),
      }),
    );
    relationships.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: osId });
  }

  const sorted = sortPackages(result.packages);
  const ids = sorted.map((p) => alloc(`SPDXRef-Package-${spdxIdString(p.id || p.name)}`));
  const findingsOf = sorted.map((): Finding[] => []);
  const indexOf = packageIndexer(sorted);
  for (const f of result.vulnerabilities?.findings ?? []) {
    const i = indexOf(f);
    if (i !== undefined) findingsOf[i]!.push(f);
  }
  sorted.forEach((p, i) => {
    packages.push(
      compact<SpdxPackage>({
        SPDXID: ids[i]!,
        name: p.name,
        versionInfo: p.version || undefined,
        supplier: supplier(p.maintainer),
        checksums: p.hashes?.length
          ? p.hashes.map((h) => ({ algorithm: SPDX_ALG[h.alg], checksumValue: h.content }))
          : undefined,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        sourceInfo: sourceInfo(p),
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: licenses.declared(p.licenses),
        externalRefs: refs(purlRefs(p.purl), securityRefs(findingsOf[i]!)),
        primaryPackagePurpose: 'LIBRARY',
        annotations: annotations(packageProperties(p)),
      }),
    );
    relationships.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: ids[i]! });
  });
  dependencyGraph(sorted, result.relationships).forEach((edges, i) => {
    for (const j of edges.dependsOn ?? []) {
      relationships.push({
        spdxElementId: ids[i]!,
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: ids[j]!,
      });
    }
    for (const j of edges.containedIn) {
      relationships.push({
        spdxElementId: ids[j]!,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: ids[i]!,
      });
    }
  });

  const extracted = licenses.extracted();
  const uuid = (opts.randomUUID ?? randomUUID)();
  return compact<SpdxDocument>({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: image?.reference ?? target.name,
    documentNamespace: `https://bulwark.invalid/spdxdocs/${target.kind}/${spdxIdString(target.name, 64)}-${uuid}`,
    creationInfo: { created, creators: [annotator] },
    packages,
    hasExtractedLicensingInfos: extracted.length ? extracted : undefined,
    relationships,
  });
}

/** `--format spdx`: SPDX 2.3 JSON (see toSpdx), pretty-printed, newline-terminated. */
export function encodeSpdx(result: ScanResult, opts?: EncodeOptions): string {
  return `${JSON.stringify(toSpdx(result, opts), null, 2)}\n`;
}
