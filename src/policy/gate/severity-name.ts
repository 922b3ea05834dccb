import { SEVERITIES, type Severity } from '../../core/finding.ts';
import { err, ok, type Result } from '../../core/result.ts';

/** A severity level named in a policy: case-insensitive (`high`, `HIGH`). */
export function parseSeverityName(value: unknown): Result<Severity> {
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  const level = SEVERITIES.find((s) => s === upper);
  if (!level) return err(`${JSON.stringify(value)} is not a severity (${SEVERITIES.join(', ')})`);
  return ok(level);
}

/** A list of severity names (or a single one), duplicates dropped, highest first. */
export function parseSeverityNames(value: unknown): Result<Severity[]> {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return err(`expected a non-empty list of severities (${SEVERITIES.join(', ')})`);
  const found = new Set<Severity>();
  for (const v of list) {
    const r = parseSeverityName(v);
    if (!r.ok) return r;
    found.add(r.value);
  }
  return ok(SEVERITIES.filter((s) => found.has(s)));
}
