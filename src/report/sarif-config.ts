import { createHash } from 'node:crypto';
import type { ReportingDescriptor, Result } from 'sarif';
import type { ConfigFinding, ConfigSeverity } from '../core/config-finding.ts';
import { sortConfigFindings } from '../core/config-finding-order.ts';
import { configResourceLabel } from '../core/config-resource-label.ts';
import { isWebUrl } from './advisory-source.ts';
import { escapeMarkdown } from './markdown.ts';
import { sarifSuppressions } from './sarif-suppressions.ts';
import { pathUri } from './sarif-uri.ts';

type Level = 'error' | 'warning' | 'note';

function level(s: ConfigSeverity): Level {
  if (s === 'CRITICAL' || s === 'HIGH') return 'error';
  return s === 'MEDIUM' ? 'warning' : 'note';
}

/**
 * A score in the band GitHub code scanning maps to each severity (≥ 9 critical, ≥ 7 high, ≥ 4
 * medium, > 0 low). INFO is advice ("pin by digest"), not a security problem to rank: no score,
 * so GitHub lists it as a plain `note` rather than a low-severity security alert.
 */
const BAND_SCORE: Readonly<Record<ConfigSeverity, string | undefined>> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '3.0',
  INFO: undefined,
};

/** The rule's help: its remediation, the documentation links, and the peers' ids for the same check. */
function help(f: ConfigFinding): { text: string; markdown: string } {
  const links = f.references.filter(isWebUrl);
  const peers = f.references.filter((r) => !isWebUrl(r));
  const text = [
    `${f.ruleId}: ${f.title}`,
    `Severity: ${f.severity}`,
    `Remediation: ${f.remediation}`,
    ...(peers.length ? [`Same check elsewhere: ${peers.join(', ')}`] : []),
    ...(links.length ? ['References:', ...links.map((r) => `- ${r}`)] : []),
  ].join('\n');
  const md = escapeMarkdown;
  const markdown = [
    `**${md(f.ruleId)}**: ${md(f.title)}`,
    '',
    `Severity: ${f.severity}`,
    '',
    `**Remediation**: ${md(f.remediation)}`,
    ...(peers.length ? ['', `Same check elsewhere: ${peers.map(md).join(', ')}`] : []),
    ...(links.length ? ['', '**References**', '', ...links.map((r) => `- <${r}>`)] : []),
  ].join('\n');
  return { text, markdown };
}

function rule(f: ConfigFinding): ReportingDescriptor {
  const helpUri = f.references.find(isWebUrl);
  const score = BAND_SCORE[f.severity];
  return {
    id: f.ruleId,
    shortDescription: { text: f.title },
    ...(helpUri ? { helpUri } : {}),
    help: help(f),
    defaultConfiguration: { level: level(f.severity) },
    properties: {
      ...(score === undefined ? {} : { 'security-severity': score }),
      precision: 'very-high',
      tags: ['misconfiguration', 'security'],
    },
  };
}

/** Stays the same while the same rule fails for the same field of the same object, wherever its line moves. */
function fingerprint(f: ConfigFinding): string {
  const key = [
    f.ruleId,
    f.messageId,
    f.location.file,
    configResourceLabel(f.resource),
    f.location.path ?? '',
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex');
}

function result(f: ConfigFinding, ruleIndex: number): Result {
  const resource = configResourceLabel(f.resource);
  const startLine = f.location.startLine ?? 1;
  const endLine = Math.max(startLine, f.location.endLine ?? startLine);
  const { path } = f.location;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity),
    message: { text: `${resource}: ${f.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathUri(f.location.file) || '.' },
          region: { startLine, endLine },
        },
        logicalLocations: [
          { name: f.resource.name ?? f.resource.kind, fullyQualifiedName: resource, kind: 'object' },
        ],
      },
    ],
    partialFingerprints: { 'bulwarkMisconfiguration/v1': fingerprint(f) },
    ...sarifSuppressions(f.suppressed),
    properties: {
      severity: f.severity,
      messageId: f.messageId,
      resource: { ...f.resource },
      ...(path === undefined ? {} : { path }),
    },
  };
}

/**
 * Configuration findings as SARIF rules (one per rule id, in the order of their most severe
 * finding) and results (in report order), the results' ruleIndex counted from `firstRuleIndex`
 * because the vulnerability rules come first in the same driver.
 */
export function configSarif(
  findings: readonly ConfigFinding[],
  firstRuleIndex: number,
): { rules: ReportingDescriptor[]; results: Result[] } {
  const sorted = sortConfigFindings(findings);
  const index = new Map<string, number>();
  const rules: ReportingDescriptor[] = [];
  for (const f of sorted) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, firstRuleIndex + rules.length);
    rules.push(rule(f));
  }
  return { rules, results: sorted.map((f) => result(f, index.get(f.ruleId)!)) };
}
