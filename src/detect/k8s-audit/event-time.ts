import { getPath } from './json-value.ts';

const rfc3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

const TIME_KEYS: readonly (readonly [string])[] = [
  ['stageTimestamp'],
  ['requestReceivedTimestamp'],
  ['timestamp'],
];

// One event's time is asked for many times in a row (`jevt.rawtime exists` in several rules, the
// alert's time, the correlator's clock), so the last parse is kept, keyed by the timestamp text
// itself: a changed or different event with another timestamp is parsed afresh.
let lastText: string | undefined;
let lastNs = 0n;

/**
 * The event's time in nanoseconds since the epoch, from the timestamps the API server writes
 * (`stageTimestamp`, else `requestReceivedTimestamp`, else v1beta1's `timestamp`); `undefined` when
 * none parses. A bigint, because nanosecond epochs exceed 2^53.
 */
export function eventTimeNs(event: unknown): bigint | undefined {
  for (const key of TIME_KEYS) {
    const text = getPath(event, key);
    if (typeof text !== 'string') continue;
    if (text === lastText) return lastNs;
    const ns = parseTimestamp(text);
    if (ns === undefined) continue;
    lastText = text;
    lastNs = ns;
    return ns;
  }
  return undefined;
}

// Consecutive events mostly fall in the same second: its Date.parse is kept.
let lastSecondText = '';
let lastSecondMs = Number.NaN;

function parseTimestamp(text: string): bigint | undefined {
  const match = rfc3339.exec(text);
  if (match === null) return undefined;
  const secondText = `${match[1]}${match[3]}`;
  if (secondText !== lastSecondText) {
    lastSecondText = secondText;
    lastSecondMs = Date.parse(secondText);
  }
  const ms = lastSecondMs;
  if (Number.isNaN(ms)) return undefined;
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return BigInt(ms) * 1_000_000n + BigInt(fraction);
}

/** `HH:MM:SS.nnnnnnnnn` in UTC, Falco's `evt.time` layout. */
export function formatClockTime(ns: bigint): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  return `${iso.slice(11, 19)}.${nanosOf(ns)}`;
}

let lastIsoNs: bigint | undefined;
let lastIso = '';
let lastIsoSecond = Number.NaN;
let lastIsoPrefix = '';

/**
 * `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. The last result is kept (an event's alerts and incidents all
 * ask for it), and so is the last second's date and time text (the next events mostly share it).
 */
export function formatIso8601(ns: bigint): string {
  if (ns === lastIsoNs) return lastIso;
  const ms = Number(ns / 1_000_000n);
  const second = Math.floor(ms / 1000);
  if (second !== lastIsoSecond) {
    lastIsoSecond = second;
    lastIsoPrefix = new Date(ms).toISOString().slice(0, 19);
  }
  lastIso = `${lastIsoPrefix}.${nanosOf(ns)}Z`;
  lastIsoNs = ns;
  return lastIso;
}

function nanosOf(ns: bigint): string {
  return (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0');
}
