import type { DockerfileHeredoc, DockerfileParseError } from './dockerfile.ts';

/** An instruction as read from the lines, before flags, words and variables are looked at. */
export interface RawInstruction {
  /** The keyword as written (case kept), and everything after it, continuation lines joined. */
  readonly keyword: string;
  readonly rest: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly heredocs: readonly DockerfileHeredoc[];
}

export interface ReadResult {
  readonly directives: Record<string, string>;
  readonly escape: string;
  readonly instructions: RawInstruction[];
}

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
// Matched against a trimmed line; a lazy value with trailing blanks would backtrack quadratically.
const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*)$/;
/** Instructions whose arguments may open here-documents (BuildKit's list). */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * Splits Dockerfile text into instructions: parser directives at the top, comments, line
 * continuations with the escape character (comment and blank lines inside a continuation are
 * skipped, as Docker does), and here-document bodies after the line that opens them. Problems go
 * to `errors`; nothing throws.
 */
export function readInstructions(text: string, errors: DockerfileParseError[]): ReadResult {
  const lines = text.split(/\r\n|\n|\r/);
  // A final newline ends the last line; it does not start another one.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const directives: Record<string, string> = {};
  let i = 0;
  // Directives are only honoured before the first comment, blank line or instruction.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!.trim());
    const key = m?.[1]?.toLowerCase();
    if (!m || key === undefined || !KNOWN_DIRECTIVES.has(key)) break;
    if (key in directives) {
      errors.push({ line: i + 1, message: `only one "${key}" parser directive can be used` });
      continue;
    }
    const value = m[2]!;
    if (key === 'escape' && value !== '\\' && value !== '`') {
      errors.push({ line: i + 1, message: `invalid escape character "${value}": use \\ or \`` });
      continue;
    }
    directives[key] = value;
  }
  const esc = directives.escape ?? '\\';
  const continuation = new RegExp(`${esc === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  const instructions: RawInstruction[] = [];

  while (i < lines.length) {
    const first = lines[i]!;
    const trimmed = first.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const startLine = i + 1;
    let logical = first;
    let last = i;
    while (continuation.test(logical)) {
      logical = logical.replace(continuation, '');
      let j = last + 1;
      while (j < lines.length && (lines[j]!.trim() === '' || lines[j]!.trimStart().startsWith('#'))) j++;
      if (j >= lines.length) break;
      logical += lines[j]!;
      last = j;
    }
    i = last + 1;
    const m = /^[ \t]*(\S+)(?:[ \t]+([\s\S]*))?$/.exec(logical);
    const keyword = m?.[1] ?? '';
    const rest = (m?.[2] ?? '').trim();
    const heredocs: DockerfileHeredoc[] = [];
    if (opensHeredocs(keyword, rest)) {
      for (const marker of heredocMarkers(rest, esc)) {
        const body: string[] = [];
        const bodyStart = i + 1;
        let terminated = false;
        while (i < lines.length) {
          const line = lines[i]!;
          i++;
          const cmp = marker.stripTabs ? line.replace(/^\t+/, '') : line;
          if (cmp === marker.name) {
            terminated = true;
            break;
          }
          body.push(cmp);
        }
        if (!terminated)
          errors.push({ line: startLine, message: `here-document <<${marker.name} is not terminated` });
        heredocs.push({
          name: marker.name,
          content: body.map((l) => `${l}\n`).join(''),
          stripTabs: marker.stripTabs,
          expand: marker.expand,
          startLine: bodyStart,
          endLine: i,
        });
      }
    }
    instructions.push({ keyword, rest, startLine, endLine: Math.max(last + 1, i), heredocs });
  }
  return { directives, escape: esc, instructions };
}

function opensHeredocs(keyword: string, rest: string): boolean {
  const kw = keyword.toUpperCase();
  if (HEREDOC_KEYWORDS.has(kw)) return rest.includes('<<');
  // ONBUILD RUN <<EOF: the trigger's heredoc belongs to this instruction's lines.
  if (kw === 'ONBUILD') {
    const inner = /^(\S+)\s+([\s\S]*)$/.exec(rest);
    return inner !== null && HEREDOC_KEYWORDS.has(inner[1]!.toUpperCase()) && inner[2]!.includes('<<');
  }
  return false;
}

interface HeredocMarker {
  readonly name: string;
  readonly stripTabs: boolean;
  readonly expand: boolean;
}

/**
 * The here-documents a line opens, in order: a word `<<NAME`, `<<-NAME`, `<<"NAME"` or `<<'NAME'`
 * (optionally after a file-descriptor number) outside quotes. `<<<` is a here-string, not one.
 */
export function heredocMarkers(text: string, esc: string): HeredocMarker[] {
  const out: HeredocMarker[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === esc && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === esc) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c !== '<' || text[i + 1] !== '<' || text[i + 2] === '<') continue;
    // The marker must start a word (file-descriptor digits may come first): `cat <<EOF`, `3<<EOF`.
    let k = i - 1;
    while (k >= 0 && /[0-9]/.test(text[k]!)) k--;
    if (k >= 0 && !/[\s;&|(]/.test(text[k]!)) {
      i++;
      continue;
    }
    let p = i + 2;
    const stripTabs = text[p] === '-';
    if (stripTabs) p++;
    const q = text[p];
    let name = '';
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, p + 1);
      if (end === -1) break;
      name = text.slice(p + 1, end);
      p = end + 1;
    } else {
      const m = /^[^\s<>|&;()"'`]+/.exec(text.slice(p));
      name = m?.[0] ?? '';
      p += name.length;
    }
    if (name !== '') out.push({ name, stripTabs, expand: q !== '"' && q !== "'" });
    i = p - 1;
  }
  return out;
}
