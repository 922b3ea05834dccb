import { closeSync, openSync, writeSync } from 'node:fs';

/** Where the template's varying fields go: one placeholder per field, as JSON.stringify writes it. */
const MARKS = {
  auditID: '\u0000A',
  requestReceivedTimestamp: '\u0000R',
  stageTimestamp: '\u0000S',
  timestamp: '\u0000T',
} as const;
const MARK_TEXT = /"\\u0000([ARST])"/;

export interface AuditStreamOptions {
  /** Clock of the first event, ms since the epoch. */
  readonly startMs?: number;
  /** How far the clock advances per event, in ms (default 3). */
  readonly stepMs?: number;
}

/**
 * Writes `count` audit events as JSON lines to `path`, cycling through `templates` (parsed events).
 * Each written event gets a fresh `auditID` and timestamps on one clock advancing `stepMs` per
 * event, so time windows see a stream that moves forward like a busy API server's. The templates
 * are serialised once with placeholders and the lines assembled by concatenation, which keeps
 * writing a million events to a few seconds. Returns the bytes written.
 */
export function writeAuditStream(
  path: string,
  templates: readonly unknown[],
  count: number,
  options: AuditStreamOptions = {},
): number {
  const startMs = options.startMs ?? Date.parse('2026-01-05T08:00:00Z');
  const stepMs = options.stepMs ?? 3;
  const parts = templates.map((t) => {
    const copy = { ...(t as Record<string, unknown>) };
    for (const [key, mark] of Object.entries(MARKS)) if (key === 'auditID' || key in copy) copy[key] = mark;
    // Odd indexes are placeholder letters; even ones the text between them.
    return JSON.stringify(copy).split(MARK_TEXT);
  });
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let chunk: string[] = [];
    let chunkLength = 0;
    for (let i = 0; i < count; i++) {
      const template = parts[i % parts.length]!;
      const ms = startMs + i * stepMs;
      const received = isoMicros(ms, 0);
      const stage = isoMicros(ms, 700 + (i % 300));
      let line = template[0]!;
      for (let p = 1; p < template.length; p += 2) {
        const mark = template[p];
        const value =
          mark === 'A'
            ? `"${(i >>> 16).toString(16).padStart(8, '0')}-${(i & 0xffff).toString(16).padStart(4, '0')}-4bd1-8c2e-5f0a4b3c2d1e"`
            : mark === 'R'
              ? `"${received}"`
              : mark === 'S'
                ? `"${stage}"`
                : `"${received.slice(0, 19)}Z"`;
        line += value + template[p + 1]!;
      }
      chunk.push(line);
      chunkLength += line.length + 1;
      if (chunkLength > 4 << 20) {
        bytes += writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
        chunkLength = 0;
      }
    }
    if (chunk.length > 0) bytes += writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** `2026-01-05T08:00:00.003123Z`: the API server's microsecond timestamps. */
function isoMicros(ms: number, micros: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}
