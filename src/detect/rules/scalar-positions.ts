import { isScalar, type LineCounter, Scalar } from 'yaml';

/** A 1-based file position. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** Maps an offset in a scalar's VALUE (e.g. a condition's text) to where it was written in the file. */
export type TextPositions = (offset: number) => FilePosition;

interface Built {
  text: string;
  /** For each character of `text`, its offset in the source. */
  at: number[];
}

/**
 * The positions of a YAML string scalar's characters in the file, so a condition error at offset
 * N of the value can point at the file line and column where that character was written.
 *
 * Block scalars (`|`, `>`) map exactly: line k of a literal is source line k after the header, at
 * the block's indentation; a folded scalar is re-folded here, character by character. Plain and
 * quoted scalars map exactly on one line and, when they span lines, by re-folding them the YAML way
 * (each line's surrounding blanks dropped, lines joined with a space, escapes decoded). The
 * re-built text is checked against the value the yaml library parsed; when they differ (an
 * indentation indicator, an unusual escape) every offset maps to the scalar's start: best effort,
 * never a wrong line inside the scalar. `undefined` when the node is not a string scalar.
 */
export function scalarPositions(
  node: unknown,
  source: string,
  lines: LineCounter,
): TextPositions | undefined {
  if (!isScalar(node) || node.range == null || typeof node.value !== 'string') return undefined;
  const [start, end] = node.range;
  const raw = source.slice(start, end);
  const block = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
  const built = block
    ? buildBlock(raw, start, node.type === Scalar.BLOCK_FOLDED)
    : buildFlow(raw, start, node.type ?? Scalar.PLAIN);
  const exact = built !== undefined && built.text.trimEnd() === node.value.trimEnd();
  const toFile = (offset: number): FilePosition => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (!exact) return () => toFile(start);
  const { at } = built;
  return (offset) => toFile(at[Math.max(0, Math.min(offset, at.length - 1))] ?? start);
}

/** Splits `raw` into lines with each line's source offset. */
function splitLines(raw: string, base: number): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let from = 0;
  for (;;) {
    const nl = raw.indexOf('\n', from);
    const text = raw.slice(from, nl < 0 ? raw.length : nl).replace(/\r$/, '');
    out.push({ text, at: base + from });
    if (nl < 0) return out;
    from = nl + 1;
  }
}

function buildBlock(raw: string, base: number, folded: boolean): Built | undefined {
  const header = raw.indexOf('\n');
  if (header < 0) return { text: '', at: [] };
  // An explicit indentation indicator is relative to the parent: left to the best-effort fallback.
  if (/[0-9]/.test(raw.slice(0, header).replace(/#.*$/, ''))) return undefined;
  const lines = splitLines(raw.slice(header + 1), base + header + 1);
  const first = lines.find((l) => l.text.trim() !== '');
  if (first === undefined) return { text: '', at: [] };
  const indent = first.text.length - first.text.trimStart().length;
  const out: Built = { text: '', at: [] };
  let prev: 'none' | 'normal' | 'more' = 'none';
  let prevEnd = base;
  let empty = 0;
  for (const line of lines) {
    if (line.text.trim() === '' && line.text.length <= indent) {
      empty++;
      continue;
    }
    const content = line.text.slice(indent);
    const kind = /^[ \t]/.test(content) ? 'more' : 'normal';
    const sep =
      prev === 'none'
        ? '\n'.repeat(empty)
        : folded && prev === 'normal' && kind === 'normal'
          ? empty === 0
            ? ' '
            : '\n'.repeat(empty)
          : '\n'.repeat(empty + 1);
    push(out, sep, () => prevEnd);
    push(out, content, (i) => line.at + indent + i);
    prev = kind;
    prevEnd = line.at + line.text.length;
    empty = 0;
  }
  return out;
}

function push(out: Built, text: string, at: (i: number) => number): void {
  for (let i = 0; i < text.length; i++) {
    out.text += text[i];
    out.at.push(at(i));
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function buildFlow(raw: string, base: number, type: string): Built | undefined {
  const quote = type === Scalar.QUOTE_DOUBLE ? '"' : type === Scalar.QUOTE_SINGLE ? "'" : '';
  const inner = quote === '' ? raw : raw.slice(1, raw.endsWith(quote) ? -1 : undefined);
  const lines = splitLines(inner, base + quote.length);
  const out: Built = { text: '', at: [] };
  let empty = 0;
  let joinWithout = false;
  let started = false;
  let prevEnd = base;
  for (const [n, line] of lines.entries()) {
    const last = n === lines.length - 1;
    // Folding drops each line's surrounding blanks, except before the first and after the last
    // line of a quoted scalar, where they are content.
    const lead = n === 0 ? 0 : line.text.length - line.text.trimStart().length;
    let content = line.text.slice(lead);
    if (!last || quote === '') content = content.trimEnd();
    if (content === '' && !last && n > 0) {
      empty++;
      continue;
    }
    if (started) {
      const sep = joinWithout ? '' : empty === 0 ? ' ' : '\n'.repeat(empty);
      push(out, sep, () => prevEnd);
    }
    joinWithout = false;
    let i = 0;
    while (i < content.length) {
      const c = content[i]!;
      const src = line.at + lead + i;
      if (quote === "'" && c === "'" && content[i + 1] === "'") {
        push(out, "'", () => src);
        i += 2;
      } else if (quote === '"' && c === '\\') {
        const e = content[i + 1];
        if (e === undefined) {
          // An escaped line break: the lines join with nothing between them.
          joinWithout = true;
          i++;
        } else if (e in HEX_ESCAPES) {
          const digits = HEX_ESCAPES[e]!;
          const code = Number.parseInt(content.slice(i + 2, i + 2 + digits), 16);
          if (Number.isNaN(code)) return undefined;
          push(out, String.fromCodePoint(code), () => src);
          i += 2 + digits;
        } else {
          const decoded = ESCAPES[e];
          if (decoded === undefined) return undefined;
          push(out, decoded, () => src);
          i += 2;
        }
      } else {
        push(out, c, () => src);
        i++;
      }
    }
    started = true;
    empty = 0;
    prevEnd = line.at + line.text.length;
  }
  return out;
}

/** Where a piece of a (possibly appended-to) condition text was written. */
export interface TextSpan {
  /** Offset in the whole condition text where this piece starts. */
  readonly start: number;
  readonly file: string;
  /** The line of the item (or key) that wrote the piece: the fallback position. */
  readonly line: number;
  readonly at: TextPositions | undefined;
}

/** The file position of `offset` in a condition text made of `spans` (in order of `start`). */
export function locateInSpans(
  spans: readonly TextSpan[],
  offset: number,
): { file: string; line: number; column?: number } | undefined {
  let span: TextSpan | undefined;
  for (const s of spans) if (s.start <= offset) span = s;
  if (span === undefined) return undefined;
  if (span.at === undefined) return { file: span.file, line: span.line };
  const p = span.at(offset - span.start);
  return { file: span.file, line: p.line, column: p.column };
}

/** Finds a node of the current item by path (`['condition']`, `['sequence', 1, 'condition']`). */
export type ItemLocator = (path: readonly (string | number)[]) => {
  readonly line: number;
  readonly at: TextPositions | undefined;
};
