import { type Finding, SEVERITIES, type Severity, severityRank } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { headline } from './finding-headline.ts';
import { compareFindings } from './finding-order.ts';
import { packageIndexer } from './finding-package.ts';
import { packageClass } from './package-class.ts';
import { compareCodeUnits as cmp } from './sort-packages.ts';
import { paint, renderColumns, safe, type TextColumn } from './text-columns.ts';

/** Longest title shown; the rest is cut with `…` (the full text is in every other format). */
const MAX_TITLE = 60;
/** Warnings listed in full; the rest are counted. */
const MAX_WARNINGS = 20;

/** ANSI SGR styles per severity, as Trivy and Grype colour them. */
const SEVERITY_STYLE: Readonly<Record<Severity, string | undefined>> = {
  CRITICAL: '1;31',
  HIGH: '31',
  MEDIUM: '33',
  LOW: '34',
  NEGLIGIBLE: '2',
  UNKNOWN: undefined,
};
const KEV_STYLE = '1;31';
const SUPPRESSED_STYLE = '2';

/** One table row: a finding, and whether it opens its package's group (package cells shown). */
interface Row {
  readonly f: Finding;
  readonly first: boolean;
}

function title(f: Finding): string {
  const text = f.title || f.description ? headline(f) : '';
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1).trimEnd()}…` : text;
}

function status(f: Finding): string {
  return f.suppressed ? `suppressed (${f.suppressed.kind})` : f.fixState;
}

/** EPSS as a percentage, rounded down so 0.99999 does not read as a certainty. */
function epss(f: Finding): string {
  return f.epss ? `${(Math.floor(f.epss.score * 1000) / 10).toFixed(1)}%` : '';
}

function columns(all: readonly Finding[]): TextColumn<Row>[] {
  const cols: TextColumn<Row>[] = [
    { title: 'PACKAGE', max: 40, cell: (r) => (r.first ? r.f.package.name : '') },
    { title: 'VULNERABILITY', max: 20, cell: (r) => r.f.id },
    { title: 'SEVERITY', max: 10, cell: (r) => r.f.severity, style: (r) => SEVERITY_STYLE[r.f.severity] },
    {
      title: 'STATUS',
      max: 18,
      cell: (r) => status(r.f),
      style: (r) => (r.f.suppressed ? SUPPRESSED_STYLE : undefined),
    },
    { title: 'INSTALLED', max: 24, cell: (r) => (r.first ? r.f.package.version : '') },
    { title: 'FIXED', max: 24, cell: (r) => r.f.fixedVersions.join(', ') },
  ];
  if (all.some((f) => f.kev)) {
    cols.push({ title: 'KEV', max: 3, cell: (r) => (r.f.kev ? 'KEV' : ''), style: () => KEV_STYLE });
  }
  if (all.some((f) => f.epss)) cols.push({ title: 'EPSS', max: 6, cell: (r) => epss(r.f) });
  cols.push({ title: 'TITLE', max: Number.POSITIVE_INFINITY, cell: (r) => title(r.f) });
  return cols;
}

/**
 * The rows of one class: grouped by package, groups ordered by their highest unsuppressed
 * severity (then name, version), rows within a group unsuppressed first, then by severity and id.
 */
function classRows(findings: readonly Finding[]): Row[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.package.id}\u0000${f.package.purl}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const top = (g: readonly Finding[]) =>
    Math.max(-1, ...g.filter((f) => !f.suppressed).map((f) => severityRank(f.severity)));
  const sorted = [...groups.values()]
    .map((g) => g.sort((a, b) => Number(!!a.suppressed) - Number(!!b.suppressed) || compareFindings(a, b)))
    .sort(
      (a, b) =>
        top(b) - top(a) ||
        cmp(a[0]!.package.name, b[0]!.package.name) ||
        cmp(a[0]!.package.version, b[0]!.package.version) ||
        cmp(a[0]!.package.id, b[0]!.package.id),
    );
  return sorted.flatMap((g) => g.map((f, i) => ({ f, first: i === 0 })));
}

/** `Total: 3 (CRITICAL: 2, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 1)`, NEGLIGIBLE only when some are. */
function summary(findings: readonly Finding[], color: boolean): string {
  const counted = findings.filter((f) => !f.suppressed);
  const parts = SEVERITIES.filter(
    (s) => s !== 'NEGLIGIBLE' || counted.some((f) => f.severity === 'NEGLIGIBLE'),
  ).map((s) => {
    const label = paint(s, color ? SEVERITY_STYLE[s] : undefined);
    return `${label}: ${counted.filter((f) => f.severity === s).length}`;
  });
  return `Total: ${counted.length} (${parts.join(', ')})`;
}

function suppressedLine(findings: readonly Finding[]): string[] {
  const suppressed = findings.filter((f) => f.suppressed);
  if (!suppressed.length) return [];
  const kinds = (['vex', 'ignore'] as const)
    .map((k) => [k, suppressed.filter((f) => f.suppressed?.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}: ${n}`);
  return [`Suppressed: ${suppressed.length} (${kinds.join(', ')}; listed above, not counted in the total)`];
}

function warningLines(result: ScanResult): string[] {
  const warnings = result.vulnerabilities?.warnings ?? [];
  if (!warnings.length) return [];
  const byId = new Map(result.packages.map((p) => [p.id, p]));
  const lines = ['', `Not compared (${warnings.length}):`];
  for (const w of warnings.slice(0, MAX_WARNINGS)) {
    const p = byId.get(w.packageId);
    const what = p ? [p.name, p.version].filter(Boolean).join(' ') : w.packageId;
    lines.push(`  ${safe(what)}: ${safe(w.message)}`);
  }
  if (warnings.length > MAX_WARNINGS) lines.push(`  … and ${warnings.length - MAX_WARNINGS} more`);
  return lines;
}

/**
 * The findings part of `--format table`: one table per package class (`OS packages (debian 12)`,
 * `Java`, `Go binaries`…), then the summary line, the suppressed count and the packages that could
 * not be compared. Empty when the scan was not matched.
 */
export function findingLines(result: ScanResult, color: boolean): string[] {
  const v = result.vulnerabilities;
  if (!v) return [];
  const findings = v.findings;
  const lines: string[] = [];
  if (!findings.length) lines.push('No vulnerabilities found.');

  const indexOf = packageIndexer(result.packages);
  const classes = new Map<string, { rank: number; findings: Finding[] }>();
  for (const f of findings) {
    const i = indexOf(f);
    const foundBy = i === undefined ? undefined : result.packages[i]!.foundBy;
    const c = packageClass(f.package.type, foundBy, result.os);
    const entry = classes.get(c.label) ?? { rank: c.rank, findings: [] };
    entry.findings.push(f);
    classes.set(c.label, entry);
  }
  const cols = columns(findings);
  const ordered = [...classes].sort(([a, x], [b, y]) => x.rank - y.rank || cmp(a, b));
  ordered.forEach(([label, c], i) => {
    if (i > 0) lines.push('');
    const heading = safe(label);
    lines.push(heading, '='.repeat(heading.length), ...renderColumns(cols, classRows(c.findings), color));
  });
  lines.push('', summary(findings, color), ...suppressedLine(findings), ...warningLines(result));
  return lines;
}
