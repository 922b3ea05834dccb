const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 time (any offset, up to nanoseconds) in the one layout the `alert` table keeps,
 * `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in UTC, so times compare correctly as text on both backends
 * (`…:12Z` sorts after `…:12.5Z` as written). The audit engine already writes this layout.
 * Undefined when `text` is not such a time (or names a day that does not exist).
 */
export function canonicalAlertTime(text: string): string | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over into March; a time that does not exist is refused instead.
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  const asUtc = new Date(`${wall}Z`);
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, 19) !== wall) return undefined;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${fraction.padEnd(9, '0')}Z`;
}

/** `date` in the alert table's layout. */
export function alertTimeOf(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000000Z`;
}
