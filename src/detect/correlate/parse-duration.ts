const UNITS_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * A correlation window, `30s` / `10m` / `2h` (a positive integer and one unit), in milliseconds;
 * an error message otherwise. Deliberately small: no fractions, no compound `1h30m`, no days, so a
 * window reads the same to everyone (write `90m`).
 */
export function parseDuration(value: unknown): { ms: number } | { error: string } {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const m = text === undefined ? null : /^([0-9]+)([smh])$/.exec(text);
  if (m === null) {
    return { error: `'within' must be a duration like 30s, 10m or 2h, not ${JSON.stringify(value)}` };
  }
  const n = Number(m[1]);
  if (n <= 0 || !Number.isSafeInteger(n)) return { error: `'within' must be positive, not ${text}` };
  return { ms: n * UNITS_MS[m[2]!]! };
}
