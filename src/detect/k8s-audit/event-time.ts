import { getPath } from './json-value.ts';

const rfc3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The event's time in nanoseconds since the epoch, from the timestamps the API server writes
 * (`stageTimestamp`, else `requestReceivedTimestamp`, else v1beta1's `timestamp`); `undefined` when
 * none parses. A bigint, because nanosecond epochs exceed 2^53.
 */
export function eventTimeNs(event: unknown): bigint | undefined {
  for (const key of ['stageTimestamp', 'requestReceivedTimestamp', 'timestamp']) {
    const text = getPath(event, [key]);
    if (typeof text !== 'string') continue;
    const match = rfc3339.exec(text);
    if (match === null) continue;
    const ms = Date.parse(`${match[1]}${match[3]}`);
    if (Number.isNaN(ms)) continue;
    const fraction = (match[2] ?? '').padEnd(9, '0');
    return BigInt(ms) * 1_000_000n + BigInt(fraction);
  }
  return undefined;
}

/** `HH:MM:SS.nnnnnnnnn` in UTC, Falco's `evt.time` layout. */
export function formatClockTime(ns: bigint): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  return `${iso.slice(11, 19)}.${nanosOf(ns)}`;
}

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
export function formatIso8601(ns: bigint): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  return `${iso.slice(0, 19)}.${nanosOf(ns)}Z`;
}

function nanosOf(ns: bigint): string {
  return (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0');
}
