import type { ContentPattern } from './classifier-spec.ts';

/** Bytes scanned around each anchor hit: enough for any version string and its context. */
const WINDOW_BEFORE = 160;
const WINDOW_AFTER = 256;
/** Anchor hits examined per pattern; a binary full of the anchor is not worth more. */
const MAX_HITS = 4096;

/**
 * A file's bytes with lazy latin1 text (one char per byte, so regex offsets are byte offsets).
 * The full text is built only for anchor-less patterns.
 */
export class BinaryText {
  readonly bytes: Buffer;
  #text: string | undefined;

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get text(): string {
    this.#text ??= this.bytes.toString('latin1');
    return this.#text;
  }

  /** Does the file contain this literal (latin1) anywhere? */
  includes(literal: string): boolean {
    return this.bytes.indexOf(literal, 0, 'latin1') >= 0;
  }
}

/** The first version a pattern finds, or undefined. */
export function matchPattern(input: BinaryText, pattern: ContentPattern): string | undefined {
  const regex = new RegExp(pattern.regex.source, pattern.regex.flags.replace('g', ''));
  if (!pattern.anchors || pattern.anchors.length === 0) return regex.exec(input.text)?.groups?.version;
  const { bytes } = input;
  let best: { at: number; version: string } | undefined;
  for (const anchor of pattern.anchors) {
    let hits = 0;
    for (let at = bytes.indexOf(anchor, 0, 'latin1'); at >= 0; at = bytes.indexOf(anchor, at + 1, 'latin1')) {
      if (++hits > MAX_HITS || (best && at >= best.at)) break;
      const start = Math.max(0, at - WINDOW_BEFORE);
      const window = bytes.toString(
        'latin1',
        start,
        Math.min(bytes.length, at + anchor.length + WINDOW_AFTER),
      );
      const version = regex.exec(window)?.groups?.version;
      if (version !== undefined) {
        // Earliest match in the file wins, whichever anchor found it (as a full scan would).
        if (!best || at < best.at) best = { at, version };
        break;
      }
    }
  }
  return best?.version;
}

/** The first pattern that finds a version, with its index (recorded as evidence). */
export function matchPatterns(
  input: BinaryText,
  patterns: readonly ContentPattern[],
): { version: string; pattern: number } | undefined {
  for (const [i, p] of patterns.entries()) {
    const version = matchPattern(input, p);
    if (version !== undefined) return { version, pattern: i };
  }
  return undefined;
}

/** A pattern with `{{version}}` replaced (regex-escaped in the regex, literal in anchors). */
export function withVersion(pattern: ContentPattern, version: string): ContentPattern {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    regex: new RegExp(pattern.regex.source.replaceAll('{{version}}', escaped), pattern.regex.flags),
    ...(pattern.anchors ? { anchors: pattern.anchors.map((a) => a.replaceAll('{{version}}', version)) } : {}),
  };
}
