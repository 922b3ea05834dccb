/** Variable values known in scope; `undefined` for a name without a value we can know at lint time. */
export interface VariableScope {
  get(name: string): string | undefined;
}

/** A word after quote removal and (optionally) variable expansion. */
export interface ExpandedWord {
  readonly value: string;
  /** Names referenced without a known value: they expand to the empty string here. */
  readonly unresolved: readonly string[];
  /** The raw word had quotes: its expansion is not split on whitespace. */
  readonly quoted: boolean;
}

// Pattern removal on a long value costs O(n²) regex tests; values this long are not worth it.
const MAX_PATTERN_SUBJECT = 4096;
// `${a:-${b:-${c:-…}}}` recurses once per level; past this depth the rest is kept as text.
const MAX_NESTING = 32;

/** Where each raw word starts and ends in the text (end exclusive). */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Finds the raw words of a text: runs of characters separated by unquoted whitespace, quotes and
 * escapes kept (Docker's word splitting, before quote removal).
 */
export function wordSpans(text: string, esc: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let start = -1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === esc && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (start !== -1) spans.push({ start, end: i });
      start = -1;
      continue;
    }
    if (start === -1) start = i;
    if (c === esc) i++;
    else if (c === '"' || c === "'") quote = c;
  }
  if (start !== -1) spans.push({ start, end: text.length });
  return spans;
}

/** The raw words of a text (see wordSpans). */
export function splitWords(text: string, esc: string): string[] {
  return wordSpans(text, esc).map((s) => text.slice(s.start, s.end));
}

/**
 * Removes quotes and escapes from one raw word and, when `scope` is given, expands `$VAR`,
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`, `${VAR:?msg}`,
 * `${VAR#glob}`, `${VAR##glob}`, `${VAR%glob}` and `${VAR%%glob}` as Docker does. Single quotes
 * suppress expansion. Unknown variables expand to the empty string and are listed in `unresolved`;
 * a `:-` default stands in for an unknown variable.
 */
export function expandWord(
  raw: string,
  scope: VariableScope | undefined,
  esc: string,
  options: { keepQuotes?: boolean; depth?: number } = {},
): ExpandedWord {
  const lexer = new WordLexer(raw, scope, esc, options.keepQuotes === true, options.depth ?? 0);
  const value = lexer.word();
  return { value, unresolved: [...lexer.unresolved], quoted: lexer.quoted };
}

/** Splits and expands; an unquoted expansion splits on whitespace and vanishes when empty. */
export function expandWords(
  text: string,
  scope: VariableScope | undefined,
  esc: string,
): { words: string[]; unresolved: string[] } {
  const words: string[] = [];
  const unresolved = new Set<string>();
  for (const raw of splitWords(text, esc)) {
    const w = expandWord(raw, scope, esc);
    for (const u of w.unresolved) unresolved.add(u);
    if (w.quoted || scope === undefined) words.push(w.value);
    // A loop, not push(...): one expansion can hold more words than a call takes arguments.
    else for (const part of w.value.split(/[ \t\r\n]+/)) if (part !== '') words.push(part);
  }
  return { words, unresolved: [...unresolved] };
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATORS = [':-', ':+', ':?', '##', '%%', '-', '+', '?', '#', '%'] as const;

class WordLexer {
  pos = 0;
  quoted = false;
  readonly unresolved = new Set<string>();

  constructor(
    readonly src: string,
    readonly scope: VariableScope | undefined,
    readonly esc: string,
    /** Exec-form elements: already JSON-decoded, so only `$` and an escaped `$` are special. */
    readonly keepQuotes: boolean,
    readonly depth: number,
  ) {}

  word(): string {
    let out = '';
    const { src, esc } = this;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (this.keepQuotes && c !== '$' && !(c === esc && src[this.pos + 1] === '$')) {
        out += c;
        this.pos++;
      } else if (c === "'") {
        this.quoted = true;
        const end = src.indexOf("'", this.pos + 1);
        const stop = end === -1 ? src.length : end;
        out += src.slice(this.pos + 1, stop);
        this.pos = stop + 1;
      } else if (c === '"') {
        this.quoted = true;
        this.pos++;
        out += this.doubleQuoted();
      } else if (c === esc) {
        out += src[this.pos + 1] ?? '';
        this.pos += 2;
      } else if (c === '$' && this.scope !== undefined) {
        out += this.dollar();
      } else {
        out += c;
        this.pos++;
      }
    }
    return out;
  }

  private doubleQuoted(): string {
    let out = '';
    const { src, esc } = this;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      const next = src[this.pos + 1];
      if (c === esc && next !== undefined && (next === '"' || next === '$' || next === esc)) {
        out += next;
        this.pos += 2;
      } else if (c === '$' && this.scope !== undefined) {
        out += this.dollar();
      } else {
        out += c;
        this.pos++;
      }
    }
    return out;
  }

  private readName(): string {
    const start = this.pos;
    if (this.pos < this.src.length && NAME_START.test(this.src[this.pos]!)) {
      this.pos++;
      while (this.pos < this.src.length && NAME_CHAR.test(this.src[this.pos]!)) this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  private lookup(name: string): string | undefined {
    return this.scope?.get(name);
  }

  private unknown(name: string): string {
    this.unresolved.add(name);
    return '';
  }

  /** At a `$`: a variable reference, or a literal dollar sign. */
  private dollar(): string {
    const { src } = this;
    const next = src[this.pos + 1];
    if (next === '{' && this.depth < MAX_NESTING) return this.braced();
    if (next !== undefined && NAME_START.test(next)) {
      this.pos++;
      const name = this.readName();
      return this.lookup(name) ?? this.unknown(name);
    }
    this.pos++;
    return '$';
  }

  private braced(): string {
    const { src } = this;
    const open = this.pos;
    this.pos += 2;
    const name = this.readName();
    if (name === '') {
      // Not a substitution Docker accepts; keep the text as it is.
      this.pos = open + 1;
      return '$';
    }
    if (src[this.pos] === '}') {
      this.pos++;
      return this.lookup(name) ?? this.unknown(name);
    }
    const op = OPERATORS.find((o) => src.startsWith(o, this.pos));
    const wordStart = this.pos + (op?.length ?? 0);
    const wordEnd = this.matchingBrace(wordStart);
    this.pos = wordEnd + 1;
    if (op === undefined) return this.unknown(name);
    const inner = expandWord(src.slice(wordStart, wordEnd), this.scope, this.esc, {
      keepQuotes: this.keepQuotes,
      depth: this.depth + 1,
    });
    const v = this.lookup(name);
    const set = v !== undefined;
    const nonEmpty = set && v !== '';
    const take = (value: string): string => {
      for (const u of inner.unresolved) this.unresolved.add(u);
      return value;
    };
    switch (op) {
      case ':-':
        return nonEmpty ? v : take(inner.value);
      case '-':
        return set ? v : take(inner.value);
      case ':+':
        return nonEmpty ? take(inner.value) : set ? '' : this.unknown(name);
      case '+':
        return set ? take(inner.value) : this.unknown(name);
      case ':?':
        return nonEmpty ? v : this.unknown(name);
      case '?':
        return set ? v : this.unknown(name);
      default:
        return set ? removePattern(v, op, inner.value) : this.unknown(name);
    }
  }

  /** Index of the `}` closing a `${`, skipping nested `${…}`, quotes and escapes. */
  private matchingBrace(from: number): number {
    const { src, esc } = this;
    let depth = 0;
    let quote = '';
    for (let i = from; i < src.length; i++) {
      const c = src[i]!;
      if (quote) {
        if (c === esc && quote === '"') i++;
        else if (c === quote) quote = '';
      } else if (c === esc) i++;
      else if (c === '"' || c === "'") quote = c;
      else if (c === '$' && src[i + 1] === '{') {
        depth++;
        i++;
      } else if (c === '}') {
        if (depth === 0) return i;
        depth--;
      }
    }
    return src.length;
  }
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) {
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** `${v#p}` shortest prefix, `##` longest prefix, `%` shortest suffix, `%%` longest suffix. */
function removePattern(v: string, op: '#' | '##' | '%' | '%%', glob: string): string {
  if (v.length > MAX_PATTERN_SUBJECT) return v;
  const re = globToRegExp(glob);
  const n = v.length;
  if (op === '#' || op === '##') {
    for (let k = 0; k <= n; k++) {
      const i = op === '#' ? k : n - k;
      if (re.test(v.slice(0, i))) return v.slice(i);
    }
  } else {
    for (let k = 0; k <= n; k++) {
      const i = op === '%' ? n - k : k;
      if (re.test(v.slice(i))) return v.slice(0, i);
    }
  }
  return v;
}
