/** A module line of Go's build info (`mod`/`dep`), with its `=>` replacement. */
export interface GoModule {
  readonly path: string;
  readonly version: string;
  readonly sum?: string;
  readonly replace?: GoModule;
}

export interface GoModInfo {
  /** The main package's import path (`path` line). */
  readonly path?: string;
  readonly main?: GoModule;
  readonly deps: GoModule[];
  /** `build` lines in order: `-ldflags`, `GOOS`, `vcs.revision`… */
  readonly settings: { readonly key: string; readonly value: string }[];
  /** Lines that could not be understood (kept as problems, the rest is used). */
  readonly problems: string[];
}

/**
 * Parses the module info text the Go linker embeds (the format of `go version -m` and
 * runtime/debug.BuildInfo.String()): tab-separated `path`, `mod`, `dep`, `=>` and `build` lines.
 * Never throws; bad lines become `problems`.
 */
export function parseModInfo(text: string): GoModInfo {
  let path: string | undefined;
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  const settings: { key: string; value: string }[] = [];
  const problems: string[] = [];
  let last: 'main' | 'dep' | undefined;

  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const word = tab < 0 ? line : line.slice(0, tab);
    const rest = tab < 0 ? '' : line.slice(tab + 1);
    const bad = (why: string) =>
      problems.push(`line ${i + 1}: ${why}: ${JSON.stringify(line.slice(0, 200))}`);
    switch (word) {
      case 'go':
        break;
      case 'path':
        path = rest;
        break;
      case 'mod':
      case 'dep': {
        const m = moduleOf(rest);
        if (!m) {
          bad(`malformed ${word} line`);
          last = undefined;
          break;
        }
        if (word === 'mod') {
          main = m;
          last = 'main';
        } else {
          deps.push(m);
          last = 'dep';
        }
        break;
      }
      case '=>': {
        const r = moduleOf(rest);
        if (!r || last === undefined) {
          bad('replacement without a module');
          break;
        }
        if (last === 'main' && main) main = { ...main, replace: r };
        else if (deps.length > 0) deps[deps.length - 1] = { ...deps[deps.length - 1]!, replace: r };
        last = undefined;
        break;
      }
      case 'build': {
        const s = settingOf(rest);
        if (s) settings.push(s);
        else bad('malformed build setting');
        break;
      }
      default:
        bad('unknown line');
    }
  }
  return { ...(path === undefined ? {} : { path }), ...(main ? { main } : {}), deps, settings, problems };
}

function moduleOf(rest: string): GoModule | undefined {
  const [path, version = '', sum] = rest.split('\t');
  if (path === undefined || path === '') return undefined;
  return { path, version, ...(sum ? { sum } : {}) };
}

/** `key=value`, either side possibly a Go-quoted string (keys or values with spaces, quotes, `=`). */
function settingOf(rest: string): { key: string; value: string } | undefined {
  let key: string;
  let after: string;
  if (rest.startsWith('"')) {
    const q = goQuotedPrefix(rest);
    if (!q) return undefined;
    key = q.value;
    after = rest.slice(q.length);
  } else {
    const eq = rest.indexOf('=');
    if (eq < 0) return undefined;
    key = rest.slice(0, eq);
    after = rest.slice(eq);
  }
  if (!after.startsWith('=') || key === '') return undefined;
  const raw = after.slice(1);
  if (!raw.startsWith('"')) return { key, value: raw };
  const q = goQuotedPrefix(raw);
  return q && q.length === raw.length ? { key, value: q.value } : undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Decodes the Go double-quoted string literal at the start of `s` (strconv.QuotedPrefix + Unquote). */
export function goQuotedPrefix(s: string): { value: string; length: number } | undefined {
  if (!s.startsWith('"')) return undefined;
  const bytes: number[] = [];
  const pushText = (t: string) => bytes.push(...new TextEncoder().encode(t));
  let i = 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') return { value: new TextDecoder().decode(Uint8Array.from(bytes)), length: i + 1 };
    if (c === '\n') return undefined;
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return undefined;
    if (SIMPLE_ESCAPES[e] !== undefined) {
      pushText(SIMPLE_ESCAPES[e]);
      i += 2;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = s.slice(i + 2, i + 2 + hexLen);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLen) return undefined;
      const n = Number.parseInt(hex, 16);
      if (e === 'x') bytes.push(n);
      else if (n > 0x10ffff) return undefined;
      else pushText(String.fromCodePoint(n));
      i += 2 + hexLen;
      continue;
    }
    if (/[0-7]/.test(e)) {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      bytes.push(Number.parseInt(oct, 8) & 0xff);
      i += 4;
      continue;
    }
    return undefined;
  }
  return undefined;
}
