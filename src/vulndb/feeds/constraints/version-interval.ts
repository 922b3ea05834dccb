import type { Ordering } from '../../../version/version-scheme.ts';
import type { Constraint } from './comparator.ts';

export interface IntervalBound {
  readonly version: string;
  readonly inclusive: boolean;
}

/** A contiguous set of versions; a missing bound is unbounded on that side. */
export interface VersionInterval {
  readonly lower?: IntervalBound;
  readonly upper?: IntervalBound;
}

/** A total order on the versions involved (the caller has checked that every one parses). */
export type CompareVersions = (a: string, b: string) => Ordering;

/** The interval a constraint (an AND of comparators) admits; undefined when it admits nothing. */
export function constraintToInterval(c: Constraint, cmp: CompareVersions): VersionInterval | undefined {
  let lower: IntervalBound | undefined;
  let upper: IntervalBound | undefined;
  for (const { op, version } of c) {
    if (op === '>' || op === '>=' || op === '=') {
      lower = tighterLower(lower, { version, inclusive: op !== '>' }, cmp);
    }
    if (op === '<' || op === '<=' || op === '=') {
      upper = tighterUpper(upper, { version, inclusive: op !== '<' }, cmp);
    }
  }
  const interval = { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
  return isEmpty(interval, cmp) ? undefined : interval;
}

/** True when the interval holds exactly one version (`= x`). */
export function isPoint(i: VersionInterval, cmp: CompareVersions): boolean {
  return (
    i.lower !== undefined &&
    i.upper !== undefined &&
    i.lower.inclusive &&
    i.upper.inclusive &&
    cmp(i.lower.version, i.upper.version) === 0
  );
}

/** Sorted by lower bound, overlapping or touching intervals merged: a canonical disjoint list. */
export function unionIntervals(list: readonly VersionInterval[], cmp: CompareVersions): VersionInterval[] {
  const sorted = list.filter((i) => !isEmpty(i, cmp)).sort((a, b) => compareLower(a.lower, b.lower, cmp));
  const out: VersionInterval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && joins(last, next, cmp)) {
      const upper = looserUpper(last.upper, next.upper, cmp);
      out[out.length - 1] = { ...(last.lower ? { lower: last.lower } : {}), ...(upper ? { upper } : {}) };
    } else {
      out.push(next);
    }
  }
  return out;
}

/** Every version not in the list, as a sorted disjoint list. */
export function complementIntervals(
  list: readonly VersionInterval[],
  cmp: CompareVersions,
): VersionInterval[] {
  const merged = unionIntervals(list, cmp);
  const first = merged[0];
  if (first === undefined) return [{}];
  const out: VersionInterval[] = first.lower === undefined ? [] : [{ upper: flip(first.lower) }];
  for (const [k, cur] of merged.entries()) {
    if (cur.upper === undefined) break;
    // Only the first merged interval can lack a lower bound.
    const next = merged[k + 1]?.lower;
    out.push({ lower: flip(cur.upper), ...(next ? { upper: flip(next) } : {}) });
  }
  return out;
}

/** The versions in `a` and not in `b`, as a sorted disjoint list. */
export function subtractIntervals(
  a: readonly VersionInterval[],
  b: readonly VersionInterval[],
  cmp: CompareVersions,
): VersionInterval[] {
  const keep = complementIntervals(b, cmp);
  const out: VersionInterval[] = [];
  for (const x of unionIntervals(a, cmp)) {
    for (const y of keep) {
      const lower = tighterLower(x.lower, y.lower, cmp);
      const upper = tighterUpper(x.upper, y.upper, cmp);
      const i = { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
      if (!isEmpty(i, cmp)) out.push(i);
    }
  }
  return unionIntervals(out, cmp);
}

function flip(b: IntervalBound): IntervalBound {
  return { version: b.version, inclusive: !b.inclusive };
}

function isEmpty(i: VersionInterval, cmp: CompareVersions): boolean {
  if (i.lower === undefined || i.upper === undefined) return false;
  const c = cmp(i.lower.version, i.upper.version);
  return c > 0 || (c === 0 && !(i.lower.inclusive && i.upper.inclusive));
}

/** Orders lower bounds: unbounded first; at the same version `>=` before `>`. */
function compareLower(
  a: IntervalBound | undefined,
  b: IntervalBound | undefined,
  cmp: CompareVersions,
): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return cmp(a.version, b.version) || (a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1);
}

/** Orders upper bounds: unbounded last; at the same version `<` before `<=`. */
function compareUpper(
  a: IntervalBound | undefined,
  b: IntervalBound | undefined,
  cmp: CompareVersions,
): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return cmp(a.version, b.version) || (a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1);
}

function tighterLower(a: IntervalBound | undefined, b: IntervalBound | undefined, cmp: CompareVersions) {
  return compareLower(a, b, cmp) >= 0 ? a : b;
}

function tighterUpper(a: IntervalBound | undefined, b: IntervalBound | undefined, cmp: CompareVersions) {
  return compareUpper(a, b, cmp) <= 0 ? a : b;
}

function looserUpper(a: IntervalBound | undefined, b: IntervalBound | undefined, cmp: CompareVersions) {
  return compareUpper(a, b, cmp) >= 0 ? a : b;
}

/** `next` (which starts no earlier than `last`) overlaps `last` or continues it without a gap. */
function joins(last: VersionInterval, next: VersionInterval, cmp: CompareVersions): boolean {
  if (last.upper === undefined || next.lower === undefined) return true;
  const c = cmp(next.lower.version, last.upper.version);
  return c < 0 || (c === 0 && (next.lower.inclusive || last.upper.inclusive));
}
