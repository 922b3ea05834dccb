import { CONFIG_SEVERITIES, type ConfigFinding, type ConfigSeverity } from '../core/config-finding.ts';
import { compareConfigFindings } from '../core/config-finding-order.ts';
import { configResourceLabel } from '../core/config-resource-label.ts';
import { compareCodeUnits as cmp } from './sort-packages.ts';
import { paint, renderColumns, safe, type TextColumn } from './text-columns.ts';

/** ANSI SGR styles per severity, as the vulnerability tables colour them; INFO is advice, in cyan. */
const SEVERITY_STYLE: Readonly<Record<ConfigSeverity, string>> = {
  CRITICAL: '1;31',
  HIGH: '31',
  MEDIUM: '33',
  LOW: '34',
  INFO: '36',
};
const SUPPRESSED_STYLE = '2';

/** `12`, `7-9`, or empty when the finding is about the whole file. */
function lineCell(f: ConfigFinding): string {
  const { startLine: start, endLine: end } = f.location;
  if (start === undefined) return '';
  return end !== undefined && end > start ? `${start}-${end}` : String(start);
}

function messageCell(f: ConfigFinding): string {
  return f.suppressed ? `[suppressed (${f.suppressed.kind})] ${f.message}` : f.message;
}

const COLUMNS: readonly TextColumn<ConfigFinding>[] = [
  { title: 'SEVERITY', max: 8, cell: (f) => f.severity, style: (f) => SEVERITY_STYLE[f.severity] },
  { title: 'RULE', max: 14, cell: (f) => f.ruleId },
  { title: 'RESOURCE', max: 48, cell: (f) => configResourceLabel(f.resource) },
  { title: 'LINE', max: 9, cell: lineCell },
  {
    title: 'MESSAGE',
    max: Number.POSITIVE_INFINITY,
    cell: messageCell,
    style: (f) => (f.suppressed ? SUPPRESSED_STYLE : undefined),
  },
];

/** `Misconfigurations: 6 (CRITICAL: 1, HIGH: 2, MEDIUM: 1, LOW: 1, INFO: 1)`, over unsuppressed ones. */
function summary(findings: readonly ConfigFinding[], color: boolean): string {
  const counted = findings.filter((f) => !f.suppressed);
  const parts = CONFIG_SEVERITIES.map((s) => {
    const label = paint(s, color ? SEVERITY_STYLE[s] : undefined);
    return `${label}: ${counted.filter((f) => f.severity === s).length}`;
  });
  return `Misconfigurations: ${counted.length} (${parts.join(', ')})`;
}

function suppressedLine(findings: readonly ConfigFinding[]): string[] {
  const suppressed = findings.filter((f) => f.suppressed);
  if (!suppressed.length) return [];
  const kinds = (['vex', 'ignore'] as const)
    .map((k) => [k, suppressed.filter((f) => f.suppressed?.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}: ${n}`);
  return [`Suppressed: ${suppressed.length} (${kinds.join(', ')}; listed above, not counted in the total)`];
}

/**
 * The configuration part of `--format table`: one table per file, files in path order, headed
 * `<file> (misconfigurations)`, with SEVERITY RULE RESOURCE LINE MESSAGE; rows in report order
 * (severity, line, rule id), suppressed ones last and marked. Then the summary line over the
 * unsuppressed findings and the suppressed count.
 */
export function misconfigurationLines(findings: readonly ConfigFinding[], color: boolean): string[] {
  const lines: string[] = [];
  if (!findings.length) lines.push('No misconfigurations found.');
  const byFile = new Map<string, ConfigFinding[]>();
  for (const f of findings) {
    const list = byFile.get(f.location.file);
    if (list) list.push(f);
    else byFile.set(f.location.file, [f]);
  }
  const files = [...byFile].sort(([a], [b]) => cmp(a, b));
  files.forEach(([file, list], i) => {
    if (i > 0) lines.push('');
    const rows = list.sort(
      (a, b) => Number(!!a.suppressed) - Number(!!b.suppressed) || compareConfigFindings(a, b),
    );
    const heading = `${safe(file)} (misconfigurations)`;
    lines.push(heading, '='.repeat(heading.length), ...renderColumns(COLUMNS, rows, color));
  });
  lines.push('', summary(findings, color), ...suppressedLine(findings));
  return lines;
}
