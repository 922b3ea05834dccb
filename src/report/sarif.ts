import { createHash } from 'node:crypto';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { advisoryUrl, isWebUrl } from './advisory-source.ts';
import type { EncodeOptions } from './encoder.ts';
import { headline } from './finding-headline.ts';
import { sortFindings } from './finding-order.ts';
import { escapeMarkdown } from './markdown.ts';
import { configSarif } from './sarif-config.ts';
import { sarifSuppressions } from './sarif-suppressions.ts';
import { pathUri } from './sarif-uri.ts';

/**
 * Where a SARIF viewer sends users who click on the tool. Bulwark has no public home page yet; the
 * reserved `.invalid` domain (as in SPDX document namespaces) marks this as a placeholder.
 */
export const TOOL_INFORMATION_URI = 'https://bulwark.invalid/';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

function level(s: Severity): Level {
  if (s === 'CRITICAL' || s === 'HIGH') return 'error';
  return s === 'MEDIUM' ? 'warning' : 'note';
}

/**
 * A score in the band GitHub code scanning maps to each severity (≥ 9 critical, ≥ 7 high, ≥ 4
 * medium, > 0 low), for findings that have no CVSS score to report.
 */
const BAND_SCORE: Readonly<Record<Severity, number | undefined>> = {
  CRITICAL: 9.5,
  HIGH: 8,
  MEDIUM: 5.5,
  LOW: 2,
  NEGLIGIBLE: 0.1,
  UNKNOWN: undefined,
};

/** `security-severity`: the highest CVSS base score of any finding of the rule, else its severity's band. */
function securitySeverity(findings: readonly Finding[]): string | undefined {
  const scores = findings.flatMap((f) => f.cvss.map((c) => c.baseScore));
  const score = scores.length ? Math.max(...scores) : BAND_SCORE[findings[0]!.severity];
  return score === undefined ? undefined : score.toFixed(1);
}

function fixText(f: Finding): string {
  if (f.fixedVersions.length) return `fixed in ${f.fixedVersions.join(', ')}`;
  return f.fixState === 'wont-fix' ? 'the vendor will not fix it' : 'no fix available';
}

const pkgLabel = (f: Finding) =>
  f.package.version ? `${f.package.name}@${f.package.version}` : f.package.name;

/** The rule's help: what the vulnerability is, every affected package with its fix, references. */
function help(id: string, findings: readonly Finding[]): { text: string; markdown: string } {
  const f = findings[0]!;
  const name = headline(f);
  const cvss = f.cvss.map((c) => `CVSS ${c.version} ${c.baseScore.toFixed(1)} (${c.vector}, ${c.source})`);
  const facts = [`Severity: ${f.severity}`, ...cvss];
  if (f.kev) facts.push(`Known exploited (CISA KEV since ${f.kev.dateAdded})`);
  if (f.aliases.length) facts.push(`Aliases: ${f.aliases.join(', ')}`);
  const refs = f.references.filter(isWebUrl);

  const text = [
    `${id}: ${name}`,
    ...facts,
    'Affected packages:',
    ...findings.map((x) => `- ${pkgLabel(x)}: ${fixText(x)}`),
    ...(refs.length ? ['References:', ...refs.map((r) => `- ${r}`)] : []),
  ].join('\n');

  const md = escapeMarkdown;
  const markdown = [
    `**${md(id)}**: ${md(name)}`,
    '',
    facts.map(md).join('  \n'),
    '',
    '| Package | Installed | Fixed in |',
    '| --- | --- | --- |',
    ...findings.map(
      (x) =>
        `| ${md(x.package.name)} | ${md(x.package.version)} | ${md(x.fixedVersions.join(', ') || fixText(x))} |`,
    ),
    ...(refs.length ? ['', '**References**', '', ...refs.map((r) => `- <${r}>`)] : []),
  ].join('\n');
  return { text, markdown };
}

function rule(id: string, findings: readonly Finding[]): ReportingDescriptor {
  const f = findings[0]!; // the most severe: findings are sorted
  const short = headline(f);
  const helpUri = f.references.find(isWebUrl) ?? advisoryUrl(id, []);
  const severity = securitySeverity(findings);
  const tags = ['vulnerability', 'security', f.severity];
  if (findings.some((x) => x.kev)) tags.push('kev');
  return {
    id,
    shortDescription: { text: short },
    fullDescription: { text: f.description?.trim() || short },
    ...(helpUri ? { helpUri } : {}),
    help: help(id, findings),
    defaultConfiguration: { level: level(f.severity) },
    properties: {
      ...(severity === undefined ? {} : { 'security-severity': severity }),
      precision: 'very-high',
      tags,
    },
  };
}

/** Stays the same across scans while the same vulnerability affects the same package at the same path. */
function fingerprint(f: Finding, uri: string): string {
  const key = [f.id, f.package.type, f.package.name, uri].join('\u0000');
  return createHash('sha256').update(key).digest('hex');
}

function result(f: Finding, ruleIndex: number, fallbackUri: string): Result {
  const uri = f.package.locations[0]?.path ? pathUri(f.package.locations[0].path) : fallbackUri;
  return {
    ruleId: f.id,
    ruleIndex,
    level: level(f.severity),
    message: { text: `Package ${pkgLabel(f)} is affected by ${f.id} (${f.severity}); ${fixText(f)}` },
    locations: [
      {
        // GitHub code scanning places an alert only with a file and a start line; the package
        // database or binary is the file, and there is no better line than the first.
        physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
        logicalLocations: [
          { name: f.package.name, fullyQualifiedName: f.package.purl || f.package.name, kind: 'module' },
        ],
      },
    ],
    partialFingerprints: { 'bulwarkVulnerability/v1': fingerprint(f, uri) },
    ...sarifSuppressions(f.suppressed),
    properties: {
      purl: f.package.purl,
      installedVersion: f.package.version,
      fixedVersions: [...f.fixedVersions],
      fixState: f.fixState,
      severity: f.severity,
      aliases: [...f.aliases],
      risk: f.risk,
      ...(f.kev ? { kev: true } : {}),
      ...(f.epss ? { epss: f.epss.score } : {}),
    },
  };
}

function notifications(scan: ScanResult): Notification[] {
  const errors = scan.errors.map((e) => ({
    level: 'warning' as const,
    message: { text: `${e.stage}: ${e.path}: ${e.message}` },
  }));
  const warnings = (scan.vulnerabilities?.warnings ?? []).map((w) => ({
    level: 'note' as const,
    message: { text: `Not compared: ${w.packageId}: ${w.message}` },
  }));
  return [...errors, ...warnings];
}

/**
 * The scan's findings as a SARIF 2.1.0 log for code-scanning UIs (docs/sarif.md): one run by
 * bulwark, one rule per vulnerability id, one result per finding, suppressed findings carrying an
 * external suppression; then one rule per configuration rule id and one result per
 * misconfiguration (configSarif). A scan without findings gives a run with no results.
 */
export function toSarif(scan: ScanResult): Log {
  const findings = sortFindings(scan.vulnerabilities?.findings ?? []);
  const byId = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byId.get(f.id);
    if (list) list.push(f);
    else byId.set(f.id, [f]);
  }
  // Findings are sorted, so the rules come in the order of their most severe finding.
  const ids = [...byId.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const fallbackUri = pathUri(scan.image?.reference ?? scan.target.name) || '.';
  const notes = notifications(scan);
  const config = configSarif(scan.misconfigurations ?? [], ids.length);
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: scan.tool.name,
            version: scan.tool.version,
            semanticVersion: scan.tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules: [...ids.map((id) => rule(id, byId.get(id)!)), ...config.rules],
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: scan.createdAt,
            ...(notes.length ? { toolExecutionNotifications: notes } : {}),
          },
        ],
        results: [...findings.map((f) => result(f, index.get(f.id)!, fallbackUri)), ...config.results],
        columnKind: 'utf16CodeUnits',
        properties: {
          target: { kind: scan.target.kind, name: scan.target.name },
          ...(scan.image?.manifestDigest ? { manifestDigest: scan.image.manifestDigest } : {}),
        },
      },
    ],
  };
}

/** `--format sarif`: toSarif, pretty-printed, newline-terminated. */
export function encodeSarif(result: ScanResult, _opts?: EncodeOptions): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}
