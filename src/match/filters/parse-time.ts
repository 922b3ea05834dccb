const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds of 00:00 UTC on a real calendar date, or undefined (`2024-02-30` is not one). */
function utcDay(y: string, m: string, d: string): number | undefined {
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() === Number(m) - 1 &&
    back.getUTCDate() === Number(d);
  return same ? ms : undefined;
}

/** `YYYY-MM-DD` → milliseconds of 00:00 UTC that day; undefined when not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  return m ? utcDay(m[1]!, m[2]!, m[3]!) : undefined;
}

/**
 * An RFC 3339 date-time (`2024-05-01T12:00:00Z`, `…+02:00`, any number of fraction digits) →
 * epoch milliseconds; undefined when malformed or not a real date and time.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339_RE.exec(text);
  if (!m || utcDay(m[1]!, m[2]!, m[3]!) === undefined) return undefined;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  // Date.parse copes with nanosecond fractions (OpenVEX writes them) but not with every
  // separator RFC 3339 allows; normalise those first.
  const ms = Date.parse(text.replace(/^(.{10})[t ]/i, '$1T').replace(/z$/, 'Z'));
  return Number.isNaN(ms) ? undefined : ms;
}
