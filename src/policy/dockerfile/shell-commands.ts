/** One simple command of a shell script: `apt-get install -y curl` in `a && apt-get install -y curl`. */
export interface ShellCommand {
  /** The words with quotes removed, leading `NAME=value` assignments and redirections dropped. */
  readonly words: readonly string[];
  /** Commands joined by `|` share a pipeline number; `position` is the place within it. */
  readonly pipeline: number;
  readonly position: number;
  /** Delimiters of the here-documents this command reads (`<<EOF`). */
  readonly heredocs: readonly string[];
  /** Commands run inside `$(…)`, backquotes or `<(…)` in this command's words. */
  readonly substitutions: readonly ShellCommand[];
}

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly subs: readonly string[] }
  | { readonly kind: 'op'; readonly op: string };

const OPERATORS = [
  '&>>',
  '<<<',
  '<<-',
  '&&',
  '||',
  ';;',
  '|&',
  '>>',
  '>&',
  '>|',
  '<<',
  '<&',
  '<>',
  '&>',
  ';',
  '|',
  '&',
  '(',
  ')',
  '<',
  '>',
];
const OPERATOR_START = new Set(OPERATORS.map((o) => o[0]));
const REDIRECTS = new Set(['&>>', '<<<', '<<-', '>>', '>&', '>|', '<<', '<&', '<>', '&>', '<', '>']);
/** Words that open or close a compound command; the command proper follows them. */
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'esac',
  'time',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;
const MAX_DEPTH = 8;

/**
 * Splits a POSIX shell script into simple commands, enough for the checks that look at what a
 * RUN instruction runs: quotes, escapes, comments, `&&`/`||`/`;`/`|`, redirections (dropped),
 * here-documents (bodies skipped) and command substitutions (parsed as nested commands).
 * Never throws; unbalanced quotes simply run to the end.
 */
export function parseShell(script: string): ShellCommand[] {
  return commandsOf(script, 0);
}

function commandsOf(script: string, depth: number): ShellCommand[] {
  if (depth > MAX_DEPTH) return [];
  const out: ShellCommand[] = [];
  let words: string[] = [];
  let subs: string[] = [];
  let heredocs: string[] = [];
  let pipeline = 0;
  let position = 0;
  let redirect = '';
  const finish = () => {
    if (words.length > 0 || subs.length > 0 || heredocs.length > 0)
      out.push({
        words,
        pipeline,
        position,
        heredocs,
        substitutions: subs.flatMap((s) => commandsOf(s, depth + 1)),
      });
    words = [];
    subs = [];
    heredocs = [];
  };
  for (const t of lex(script)) {
    if (t.kind === 'word') {
      subs.push(...t.subs);
      if (redirect) {
        if (redirect === '<<' || redirect === '<<-') heredocs.push(t.text);
        redirect = '';
      } else if (words.length > 0 || (!RESERVED.has(t.text) && !ASSIGNMENT.test(t.text))) words.push(t.text);
      continue;
    }
    if (REDIRECTS.has(t.op)) {
      redirect = t.op;
      continue;
    }
    redirect = '';
    finish();
    if (t.op === '|' || t.op === '|&') position++;
    else {
      pipeline++;
      position = 0;
    }
  }
  finish();
  return out;
}

/** Tokens of a script: words (quotes removed, substitutions noted) and operators. */
function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  let subs: string[] = [];
  let heredocNext = '';
  const pending: { name: string; strip: boolean }[] = [];
  const endWord = () => {
    if (inWord) {
      tokens.push({ kind: 'word', text: word, subs });
      if (heredocNext) pending.push({ name: word, strip: heredocNext === '<<-' });
      heredocNext = '';
    }
    word = '';
    inWord = false;
    subs = [];
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      if (src[i + 1] !== '\n') {
        word += src[i + 1] ?? '';
        inWord = true;
      }
      i += 2;
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      const stop = end === -1 ? src.length : end;
      word += src.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
    } else if (c === '"') {
      i = doubleQuoted(i + 1);
    } else if (c === '$' && src[i + 1] === '(') {
      i = substitution(i, i + 1, src[i + 2] !== '(');
    } else if (c === '`') {
      const end = closingBackquote(src, i + 1);
      subs.push(src.slice(i + 1, end));
      word += src.slice(i, end + 1);
      inWord = true;
      i = end + 1;
    } else if ((c === '<' || c === '>') && src[i + 1] === '(') {
      i = substitution(i, i + 1, true);
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '\n') {
      endWord();
      tokens.push({ kind: 'op', op: ';' });
      i = skipHeredocBodies(i + 1);
    } else if (c === '#' && !inWord) {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
    } else {
      const op = OPERATOR_START.has(c) ? OPERATORS.find((o) => src.startsWith(o, i)) : undefined;
      if (op) {
        // `2>&1`: the digits name a file descriptor, not a word of the command.
        if (REDIRECTS.has(op) && inWord && /^\d+$/.test(word) && subs.length === 0) {
          word = '';
          inWord = false;
        } else endWord();
        tokens.push({ kind: 'op', op });
        if (op === '<<' || op === '<<-') heredocNext = op;
        i += op.length;
      } else {
        word += c;
        inWord = true;
        i++;
      }
    }
  }
  endWord();
  return tokens;

  function doubleQuoted(from: number): number {
    inWord = true;
    let j = from;
    while (j < src.length) {
      const c = src[j]!;
      if (c === '"') return j + 1;
      if (c === '\\' && j + 1 < src.length && '$`"\\\n'.includes(src[j + 1]!)) {
        if (src[j + 1] !== '\n') word += src[j + 1];
        j += 2;
      } else if (c === '$' && src[j + 1] === '(') {
        j = substitution(j, j + 1, src[j + 2] !== '(');
      } else if (c === '`') {
        const end = closingBackquote(src, j + 1);
        subs.push(src.slice(j + 1, end));
        word += src.slice(j, end + 1);
        j = end + 1;
      } else {
        word += c;
        j++;
      }
    }
    return j;
  }

  /** `$(…)`, `<(…)`, `>(…)` (commands) or `$((…))` (arithmetic, kept as text). */
  function substitution(start: number, open: number, commands: boolean): number {
    const close = closingParen(src, open);
    if (commands) subs.push(src.slice(open + 1, close));
    word += src.slice(start, close + 1);
    inWord = true;
    return close + 1;
  }

  function skipHeredocBodies(from: number): number {
    let pos = from;
    while (pending.length > 0) {
      const h = pending.shift()!;
      while (pos < src.length) {
        const nl = src.indexOf('\n', pos);
        const end = nl === -1 ? src.length : nl;
        const line = src.slice(pos, end);
        pos = end + 1;
        if ((h.strip ? line.replace(/^\t+/, '') : line) === h.name) break;
      }
    }
    return Math.min(pos, src.length);
  }
}

/** Index of the `)` matching the `(` at `open`, skipping quotes and escapes; src.length if none. */
function closingParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') i++;
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      i = end === -1 ? src.length : end;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return src.length;
}

function closingBackquote(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '`') return i;
  }
  return src.length;
}

/** Every command, including those inside substitutions, in order. */
export function allCommands(commands: readonly ShellCommand[]): ShellCommand[] {
  return commands.flatMap((c) => [c, ...allCommands(c.substitutions)]);
}

/** The program's file name: `/usr/bin/apt-get` → `apt-get`. */
export function programName(word: string | undefined): string {
  if (word === undefined) return '';
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Options of the wrappers below that take a value (`sudo -u app …`, `env -u NAME …`). */
const WRAPPERS: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set(['-u', '-g', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-h', '--user', '--group']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '-S', '--unset', '--chdir']),
  exec: new Set(['-a']),
  command: new Set(),
  builtin: new Set(),
  nohup: new Set(),
  nice: new Set(['-n', '--adjustment']),
  time: new Set(['-f', '-o']),
  stdbuf: new Set(['-i', '-o', '-e']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
};

/**
 * The words of the command actually run, past wrappers such as `sudo -E`, `env A=1`, `exec`,
 * `nice -n 5`, `timeout 60`: `sudo apt-get install curl` → `apt-get install curl`.
 */
export function unwrapCommand(words: readonly string[]): readonly string[] {
  return unwrapChain(words).words;
}

/** The wrappers passed on the way (`['sudo', 'env']`) and the words of the command they run. */
export function unwrapChain(words: readonly string[]): { wrappers: string[]; words: readonly string[] } {
  const wrappers: string[] = [];
  let w = words;
  for (let guard = 0; guard < 8; guard++) {
    const name = programName(w[0]);
    const valued = WRAPPERS[name];
    if (!valued) break;
    wrappers.push(name);
    let i = 1;
    while (i < w.length) {
      const x = w[i]!;
      if (x === '--') {
        i++;
        break;
      }
      if (x.startsWith('-') && x !== '-') i += valued.has(x) ? 2 : 1;
      else if (ASSIGNMENT.test(x)) i++;
      else break;
    }
    // `timeout 60 cmd`: the duration comes before the command.
    if (name === 'timeout' && i < w.length) i++;
    w = w.slice(i);
  }
  return { wrappers, words: w };
}
