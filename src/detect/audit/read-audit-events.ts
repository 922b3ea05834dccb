import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type LineItem, splitLines } from './split-lines.ts';

/** A line (or document) that did not give audit events, with its 1-based line number. */
export interface MalformedLine {
  readonly line: number;
  readonly reason: string;
}

/** Filled in while reading: the caller passes an object from {@link newReadAuditStats}. */
export interface ReadAuditStats {
  events: number;
  malformed: number;
  /** The first `maxReasons` malformed lines, in input order. */
  readonly malformedSamples: MalformedLine[];
}

export interface ReadAuditOptions {
  /** Counters updated as events are read. */
  readonly stats?: ReadAuditStats;
  /** Longest line accepted, in bytes (default 64 MiB); a longer line is malformed and skipped. */
  readonly maxLineBytes?: number;
  /** Largest whole-document input (a JSON array, a pretty-printed object), in bytes (default 512 MiB). */
  readonly maxDocumentBytes?: number;
  /** How many malformed lines keep their reason (default 10). */
  readonly maxReasons?: number;
}

export function newReadAuditStats(): ReadAuditStats {
  return { events: 0, malformed: 0, malformedSamples: [] };
}

const DEFAULT_MAX_LINE = 64 * 1024 * 1024;
const DEFAULT_MAX_DOCUMENT = 512 * 1024 * 1024;

/**
 * Audit events from a file path, `-` (stdin) or a stream: JSON lines, a JSON array, `EventList`
 * objects (their `items`), a pretty-printed JSON document, gzip-compressed or not (sniffed from the
 * magic bytes). Malformed lines are counted in `options.stats` and skipped; reading goes on.
 */
export async function* readAuditEvents(
  input: string | NodeJS.ReadableStream,
  options: ReadAuditOptions = {},
): AsyncGenerator<unknown> {
  for await (const batch of readAuditEventBatches(input, options)) yield* batch;
}

/**
 * As {@link readAuditEvents}, in batches (the events of one chunk read, never empty): for hot
 * loops, which then take an async step per batch instead of per event.
 */
export async function* readAuditEventBatches(
  input: string | NodeJS.ReadableStream,
  options: ReadAuditOptions = {},
): AsyncGenerator<unknown[]> {
  const stats = options.stats ?? newReadAuditStats();
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  const maxDoc = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT;
  const maxReasons = options.maxReasons ?? 10;
  const fail = (line: number, reason: string): void => {
    stats.malformed++;
    if (stats.malformedSamples.length < maxReasons) stats.malformedSamples.push({ line, reason });
  };
  const emit = (value: unknown, line: number, out: unknown[]): void => {
    for (const e of eventsOf(value)) {
      if ('error' in e) fail(line, e.error);
      else {
        stats.events++;
        out.push(e.event);
      }
    }
  };

  const stream =
    typeof input === 'string' ? (input === '-' ? process.stdin : createReadStream(input)) : input;
  const chunks = decompressed(stream);
  const batches = splitLines(chunks, maxLine, { flushAtEnd: true });

  // Lines are JSON values by default; a first line that is not one (`[` on its own, a pretty-printed
  // object) switches to whole-document mode, falling back to lines when the document does not parse.
  let first = true;
  for (;;) {
    const next = await batches.next();
    if (next.done) return;
    const items = next.value;
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if ('oversized' in item) {
        fail(item.line, `line longer than ${maxLine} bytes`);
        first = false;
        continue;
      }
      const text = first ? item.text.replace(/^\uFEFF/, '') : item.text;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        if (first && /^\s*[[{]/.test(text)) {
          yield* documentMode(item.line, text, items.slice(i + 1), batches, maxDoc, fail, emit);
          return;
        }
        fail(item.line, `invalid JSON: ${(e as Error).message}`);
        first = false;
        continue;
      }
      first = false;
      emit(value, item.line, out);
    }
    if (out.length > 0) yield out;
  }
}

async function* documentMode(
  firstLine: number,
  firstText: string,
  rest: readonly LineItem[],
  batches: AsyncGenerator<LineItem[]>,
  maxDoc: number,
  fail: (line: number, reason: string) => void,
  emit: (value: unknown, line: number, out: unknown[]) => void,
): AsyncGenerator<unknown[]> {
  const collected: LineItem[] = [{ line: firstLine, text: firstText }];
  let size = firstText.length;
  const add = (item: LineItem): boolean => {
    collected.push(item);
    size += 'text' in item ? item.text.length + 1 : 0;
    return size <= maxDoc;
  };
  for (const item of rest) {
    if (!add(item)) return void fail(firstLine, `JSON document larger than ${maxDoc} bytes`);
  }
  for await (const batch of batches) {
    for (const item of batch) {
      if (!add(item)) return void fail(firstLine, `JSON document larger than ${maxDoc} bytes`);
    }
  }
  const out: unknown[] = [];
  if (!collected.some((c) => 'oversized' in c)) {
    try {
      const value = JSON.parse(collected.map((c) => ('text' in c ? c.text : '')).join('\n'));
      emit(value, firstLine, out);
      if (out.length > 0) yield out;
      return;
    } catch {
      // not one document: read it line by line
    }
  }
  for (const c of collected) {
    if ('oversized' in c) {
      fail(c.line, 'line too long');
      continue;
    }
    if (c.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(c.text);
    } catch (e) {
      fail(c.line, `invalid JSON: ${(e as Error).message}`);
      continue;
    }
    emit(value, c.line, out);
  }
  if (out.length > 0) yield out;
}

/** One audit event found in a parsed JSON value, or why a part of the value is not one. */
export type ParsedAuditValue = { readonly event: unknown } | { readonly error: string };

/**
 * The audit events in one parsed JSON value (an Event, an EventList's items, an array of either);
 * shared with `followAuditEvents` so both readers count the same things as malformed.
 */
export function* eventsOf(value: unknown): Generator<ParsedAuditValue> {
  if (Array.isArray(value)) {
    for (const v of value) yield* eventsOf(v);
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield { error: `not a JSON object (${value === null ? 'null' : typeof value})` };
    return;
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'EventList') {
    const items = (value as { items?: unknown }).items;
    if (!Array.isArray(items)) {
      yield { error: 'EventList without an items array' };
      return;
    }
    for (const v of items) yield* eventsOf(v);
    return;
  }
  if (kind !== undefined && kind !== 'Event') {
    yield { error: `data not recognized as a k8s audit event (kind ${JSON.stringify(kind)})` };
    return;
  }
  yield { event: value };
}

async function* decompressed(stream: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < 2) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    head = Buffer.concat([head, toBuffer(n.value)]);
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield head;
    if (done) return;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield toBuffer(n.value);
    }
  };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    const source = Readable.from(rest());
    source.on('error', (e) => gunzip.destroy(e));
    source.pipe(gunzip);
    for await (const chunk of gunzip) yield chunk as Buffer;
  } else {
    yield* rest();
  }
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}
