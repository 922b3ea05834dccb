import { err, ok, type Result } from '../../core/result.ts';

/** Metric abbreviation → the value abbreviations the specification allows for it. */
export type MetricValues = Readonly<Record<string, readonly string[]>>;

/** Metric abbreviation → value, as written in the vector. */
export type CvssMetrics = Readonly<Record<string, string>>;

/**
 * Splits `M1:v1/M2:v2/…` (the part after any `CVSS:x.y/` prefix) into metrics, rejecting unknown
 * metrics, duplicates, values the specification does not define and missing mandatory metrics.
 * Order is not enforced: real feeds do not always keep the specification's order.
 */
export function parseMetrics(
  body: string,
  allowed: MetricValues,
  mandatory: readonly string[],
  label: string,
): Result<CvssMetrics> {
  if (body === '') return err(`empty ${label} vector`);
  const metrics = new Map<string, string>();
  for (const part of body.split('/')) {
    if (part === '') return err(`empty metric in ${label} vector`);
    const colon = part.indexOf(':');
    if (colon <= 0) return err(`malformed ${label} metric "${part}" (expected NAME:VALUE)`);
    const name = part.slice(0, colon);
    const value = part.slice(colon + 1);
    const values = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (values === undefined) return err(`unknown ${label} metric "${name}"`);
    if (metrics.has(name)) return err(`duplicate ${label} metric "${name}"`);
    if (!values.includes(value)) {
      return err(
        `invalid value "${value}" for ${label} metric ${name} (expected one of ${values.join(', ')})`,
      );
    }
    metrics.set(name, value);
  }
  for (const name of mandatory) {
    if (!metrics.has(name)) return err(`missing mandatory ${label} metric ${name}`);
  }
  return ok(Object.fromEntries(metrics));
}

/** The weight of `value` in `weights`; values were validated by parseMetrics, so it is present. */
export function weight(weights: Readonly<Record<string, number>>, value: string | undefined): number {
  const found = value === undefined ? undefined : weights[value];
  if (found === undefined) throw new Error(`internal error: no CVSS weight for value "${value}"`);
  return found;
}
