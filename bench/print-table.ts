export interface TableRow {
  readonly measure: string;
  readonly value: string;
  readonly target?: string;
  /** `true` met, `false` missed, absent: no target. */
  readonly met?: boolean;
  readonly runs?: string;
}

/** Prints rows as an aligned plain-text table on stdout; a missed target is marked MISSED. */
export function printTable(rows: readonly TableRow[]): void {
  const cells = rows.map((r) => [
    r.measure,
    r.value,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'ok' : 'MISSED',
    r.runs ?? '',
  ]);
  const header = ['measure', 'value', 'target', 'verdict', 'runs'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((s, i) => (i === 1 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}
