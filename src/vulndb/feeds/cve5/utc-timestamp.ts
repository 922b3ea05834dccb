const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A CVE / NVD timestamp as RFC 3339. CVE records and NVD 2.0 write UTC without a zone
 * (`2024-03-29T17:15:21.150`), NVD 1.1 without seconds (`2022-08-31T05:00Z`): the missing parts
 * are added (`Z`, `:00`). Undefined for anything else, impossible dates (`02-30`) included.
 */
export function utcTimestamp(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = TIMESTAMP.exec(v.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59)
    return undefined;
  const seconds = m[6] ?? ':00';
  if (Number(seconds.slice(1, 3)) > 59) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${seconds}${(m[7] ?? 'Z').toUpperCase()}`;
}
