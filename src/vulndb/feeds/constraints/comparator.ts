/** A primitive comparison, left once the sugar (`~>`, `^`, `~`, x-ranges, hyphen ranges) is expanded. */
export type ComparatorOp = '<' | '<=' | '>' | '>=' | '=';

export interface Comparator {
  readonly op: ComparatorOp;
  /** As the feed wrote it, minus a leading `v` or `=` where the dialect allows one. */
  readonly version: string;
}

/** Comparators that must all hold (AND). An empty constraint admits every version. */
export type Constraint = readonly Comparator[];

/** `>= 1.2, < 1.5.3`, or `*` for the empty constraint; for messages. */
export function formatConstraint(c: Constraint): string {
  return c.length === 0 ? '*' : c.map((x) => `${x.op} ${x.version}`).join(', ');
}
