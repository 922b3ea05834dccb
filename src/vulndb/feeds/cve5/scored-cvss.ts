import type { FindingCvss } from '../../../core/finding.ts';
import { parseCvss } from '../../cvss/parse-cvss.ts';

/**
 * The vector parsed and scored by our own CVSS code, tagged with who published it; undefined when
 * it is missing or does not parse (a record keeps its other metrics). The score the record states
 * is not trusted: it is recomputed from the vector.
 */
export function scoredCvss(vector: unknown, source: string): FindingCvss | undefined {
  if (typeof vector !== 'string') return undefined;
  const r = parseCvss(vector);
  return r.ok
    ? { version: r.value.version, vector: r.value.vector, baseScore: r.value.baseScore, source }
    : undefined;
}

/** Appends `c` unless undefined or already present (same version, vector and source). */
export function addCvss(list: FindingCvss[], c: FindingCvss | undefined): void {
  if (c === undefined) return;
  if (!list.some((x) => x.version === c.version && x.vector === c.vector && x.source === c.source))
    list.push(c);
}
