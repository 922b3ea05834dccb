import { type FollowFileOptions, followFile } from './follow-file.ts';
import { eventsOf, newReadAuditStats, type ReadAuditStats } from './read-audit-events.ts';
import { splitLines } from './split-lines.ts';

export interface FollowAuditOptions extends FollowFileOptions {
  /** Counters updated as events are read, as with readAuditEvents. */
  readonly stats?: ReadAuditStats;
  /** Longest line accepted, in bytes (default 64 MiB); a longer line is malformed and skipped. */
  readonly maxLineBytes?: number;
  /** How many malformed lines keep their reason (default 10). */
  readonly maxReasons?: number;
}

const DEFAULT_MAX_LINE = 64 * 1024 * 1024;

/**
 * Audit events from a growing JSON-lines log, followed as {@link followFile} does (rotation,
 * truncation, a missing file). Only JSON lines: a JSON array or a pretty-printed document has no
 * end to wait for. Malformed lines are counted in `options.stats` as readAuditEvents counts them
 * (line numbers count the lines read while following). Ends when `options.signal` fires; a line
 * still without its newline then is dropped, as its writer never finished it.
 */
export async function* followAuditEvents(path: string, options: FollowAuditOptions): AsyncGenerator<unknown> {
  const stats = options.stats ?? newReadAuditStats();
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  const maxReasons = options.maxReasons ?? 10;
  const fail = (line: number, reason: string): void => {
    stats.malformed++;
    if (stats.malformedSamples.length < maxReasons) stats.malformedSamples.push({ line, reason });
  };
  for await (const batch of splitLines(followFile(path, options), maxLine, { flushAtEnd: false })) {
    for (const item of batch) {
      if ('oversized' in item) {
        fail(item.line, `line longer than ${maxLine} bytes`);
        continue;
      }
      // A byte order mark can only start a file, and a file only starts a line.
      const text = item.text.replace(/^\uFEFF/, '');
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        fail(item.line, `invalid JSON: ${(e as Error).message}`);
        continue;
      }
      for (const e of eventsOf(value)) {
        if ('error' in e) fail(item.line, e.error);
        else {
          stats.events++;
          yield e.event;
        }
      }
    }
  }
}
