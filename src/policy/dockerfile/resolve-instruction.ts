import type {
  DockerfileFlag,
  DockerfileHeredoc,
  DockerfileInstruction,
  DockerfileKeyValue,
  DockerfileParseError,
} from './dockerfile.ts';
import { expandWord, expandWords, splitWords, type VariableScope, wordSpans } from './expand-words.ts';

export const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Instructions whose arguments Docker expands with ARG/ENV values at build time. */
const EXPANDING = new Set([
  'ADD',
  'ARG',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);
const WITH_FLAGS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const PORT = /^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/i;

export interface InstructionSource {
  readonly keyword: string;
  readonly rest: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly heredocs: readonly DockerfileHeredoc[];
}

/**
 * Turns a raw instruction into its flags, exec form, words and pairs, expanding variables from
 * `scope` where Docker would. Malformed arguments are reported in `errors` and still return an
 * instruction, so rules see as much of the file as could be read.
 */
export function resolveInstruction(
  src: InstructionSource,
  scope: VariableScope,
  esc: string,
  errors: DockerfileParseError[],
): DockerfileInstruction {
  const keyword = src.keyword.toUpperCase();
  const line = src.startLine;
  const fail = (message: string) => errors.push({ line, message: `${keyword}: ${message}` });
  const expands = EXPANDING.has(keyword);
  const unresolved = new Set<string>();

  let args = src.rest;
  const flags: DockerfileFlag[] = [];
  if (WITH_FLAGS.has(keyword)) {
    let offset = args.length;
    for (const span of wordSpans(args, esc)) {
      const word = args.slice(span.start, span.end);
      const m = /^--([A-Za-z][A-Za-z0-9-]*)(?:=([\s\S]*))?$/.exec(word);
      if (!m) {
        offset = span.start;
        break;
      }
      const raw = m[2];
      if (raw === undefined) flags.push({ name: m[1]! });
      else {
        const v = expandWord(raw, expands || keyword === 'RUN' ? scope : undefined, esc);
        for (const u of v.unresolved) unresolved.add(u);
        flags.push({ name: m[1]!, raw, value: v.value });
      }
    }
    args = args.slice(offset).trim();
  }

  const execForm = EXEC_FORM.has(keyword) ? parseExecForm(args) : undefined;
  let words: string[];
  if (execForm && expands) {
    words = execForm.map((w) => {
      const v = expandWord(w, scope, esc, { keepQuotes: true });
      for (const u of v.unresolved) unresolved.add(u);
      return v.value;
    });
  } else if (execForm) {
    words = [...execForm];
  } else {
    const w = expandWords(args, expands ? scope : undefined, esc);
    for (const u of w.unresolved) unresolved.add(u);
    words = w.words;
  }

  let pairs: DockerfileKeyValue[] | undefined;
  let trigger: DockerfileInstruction | undefined;
  if (args === '' && src.heredocs.length === 0) fail('requires at least one argument');
  else
    switch (keyword) {
      case 'ENV':
      case 'LABEL':
        pairs = assignments(args, scope, esc, fail, false);
        break;
      case 'ARG':
        pairs = assignments(args, scope, esc, fail, true);
        break;
      case 'SHELL':
        if (!execForm) fail('requires the arguments in JSON form, e.g. SHELL ["/bin/sh", "-c"]');
        break;
      case 'USER':
        if (words.length > 1) fail(`expects one user, got "${args}"`);
        break;
      case 'EXPOSE':
        for (const w of words) if (!PORT.test(w) && unresolved.size === 0) fail(`invalid port "${w}"`);
        break;
      case 'HEALTHCHECK': {
        const kind = words[0]?.toUpperCase();
        if (kind !== 'CMD' && kind !== 'NONE') fail('expects CMD <command> or NONE');
        break;
      }
      case 'COPY':
      case 'ADD':
        if (words.length < 2) fail('requires a source and a destination');
        break;
      case 'ONBUILD': {
        const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(args);
        const inner = m?.[1]?.toUpperCase() ?? '';
        if (inner === 'ONBUILD' || inner === 'FROM' || inner === 'MAINTAINER')
          fail(`${inner} is not allowed as an ONBUILD trigger`);
        else if (!KEYWORDS.has(inner)) fail(`unknown trigger instruction "${m?.[1] ?? ''}"`);
        else
          trigger = resolveInstruction(
            { ...src, keyword: inner, rest: (m?.[2] ?? '').trim() },
            // A trigger runs in a later build: its variables come from that build.
            { get: () => undefined },
            esc,
            errors,
          );
        break;
      }
    }

  return {
    keyword,
    flags,
    args,
    ...(execForm ? { execForm } : {}),
    heredocs: src.heredocs,
    startLine: src.startLine,
    endLine: src.endLine,
    words,
    // A trigger's variables belong to the child build, so they are not reported here.
    unresolved: keyword === 'ONBUILD' ? [] : [...unresolved],
    ...(pairs ? { pairs } : {}),
    ...(trigger ? { trigger } : {}),
  };
}

/** A JSON array of strings, or undefined (Docker then falls back to the shell form). */
function parseExecForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(args);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  } catch {
    // Not JSON: shell form.
  }
  return undefined;
}

/** Index of the first `=` outside quotes and escapes, or -1. */
function assignmentIndex(word: string, esc: string): number {
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote) {
      if (c === esc && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === esc) i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

/**
 * The pairs of ENV and LABEL (`A=1 B="two words"`, or the legacy `NAME value with spaces`) and of
 * ARG (`NAME` or `NAME=default`, several allowed). ENV and LABEL values are all expanded with the
 * scope before the instruction, as Docker does (`ENV a=1 b=$a` sees the old `a`).
 */
function assignments(
  args: string,
  scope: VariableScope,
  esc: string,
  fail: (message: string) => void,
  isArg: boolean,
): DockerfileKeyValue[] {
  const raws = splitWords(args, esc);
  const first = raws[0] ?? '';
  const out: DockerfileKeyValue[] = [];
  if (!isArg && assignmentIndex(first, esc) === -1) {
    // Legacy form: one name, then the rest of the line is the value.
    const name = expandWord(first, scope, esc).value;
    const rest = args.slice(args.indexOf(first) + first.length).trim();
    if (rest === '') {
      fail(`"${name}" has no value (expected NAME=VALUE)`);
      return [{ name, unresolved: [] }];
    }
    const v = expandWord(rest, scope, esc);
    return [{ name, raw: rest, value: v.value, unresolved: v.unresolved }];
  }
  const local = new Map<string, string | undefined>();
  const argScope: VariableScope = {
    get: (n) => (local.has(n) ? local.get(n) : scope.get(n)),
  };
  for (const word of raws) {
    const eq = assignmentIndex(word, esc);
    if (eq === -1) {
      if (!isArg) fail(`"${word}" has no value (expected NAME=VALUE)`);
      else out.push({ name: word, unresolved: [] });
      continue;
    }
    const name = expandWord(word.slice(0, eq), scope, esc).value;
    if (name === '') fail(`a name is empty in "${word}"`);
    const raw = word.slice(eq + 1);
    const v = expandWord(raw, isArg ? argScope : scope, esc);
    if (isArg) local.set(name, v.unresolved.length === 0 ? v.value : undefined);
    out.push({ name, raw, value: v.value, unresolved: v.unresolved });
  }
  return out;
}
