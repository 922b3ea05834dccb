/** What an installed `specifications/*.gemspec` declares, read without running Ruby. */
export interface Gemspec {
  readonly name?: string;
  readonly version?: string;
  readonly licenses: string[];
  readonly authors: string[];
  readonly homepage?: string;
  readonly files: string[];
  readonly summary?: string;
  /** `x86_64-linux` for a platform build; absent for pure-Ruby (`ruby`) gems. */
  readonly platform?: string;
  /** `add_runtime_dependency` / `add_dependency` names (development dependencies excluded). */
  readonly runtimeDependencies: string[];
}

/**
 * RubyGems writes installed specs in one normalised style: `s.name = "x".freeze`,
 * `s.licenses = ["MIT".freeze]`, `s.add_runtime_dependency(%q<rack>.freeze, [">= 0"])`. These
 * regexes read that style (any block variable name) and nothing cleverer: a value that is not a
 * literal (a method call, `File.read`) is left out rather than guessed. `#{s.name}`-style
 * interpolations are resolved from the fields already read; an unresolvable one drops the field.
 */
export function parseGemspec(text: string): Gemspec {
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const deps: string[] = [];
  const block = /Gem::Specification\.new\s+do\s*\|\s*(\w+)\s*\|/.exec(text)?.[1] ?? 's';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    const assign = new RegExp(
      `^${block}\\.(\\w+)\\s*=\\s*(.+?)(?:\\s+if\\s+${block}\\.respond_to\\?.*)?$`,
    ).exec(line);
    if (assign) {
      const [, field, value] = assign;
      const list = /^\[(.*)\](?:\.freeze)?$/.exec(value!);
      if (list) lists[field!] = stringsIn(list[1]!);
      else {
        const s = singleString(value!);
        if (s !== undefined) fields[field!] = s;
      }
      continue;
    }
    const dep = new RegExp(
      `^${block}\\.add_(runtime_)?dependency\\s*\\(?\\s*(?:%q<([^>]+)>|"([^"]+)"|'([^']+)')`,
    ).exec(line);
    if (dep) deps.push(dep[2] ?? dep[3] ?? dep[4]!);
  }
  const resolved = resolveInterpolations(fields);
  const licenses = lists.licenses ?? (resolved.license ? [resolved.license] : []);
  const platform = resolved.platform && resolved.platform !== 'ruby' ? resolved.platform : undefined;
  return {
    ...pick(resolved, ['name', 'version', 'homepage', 'summary']),
    ...(platform ? { platform } : {}),
    licenses,
    authors: lists.authors ?? (resolved.author ? [resolved.author] : []),
    files: lists.files ?? [],
    runtimeDependencies: [...new Set(deps)],
  };
}

function pick(r: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (r[k] === undefined ? [] : [[k, r[k]]])));
}

/** A Ruby string literal ("…", '…', %q{…}) optionally `.freeze`d; undefined for anything else. */
function singleString(value: string): string | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')(?:\.freeze)?$/.exec(value.trim());
  if (m) return unquote(m[1]!);
  // `Gem::Version.new("1.0")`? Not written by RubyGems for installed specs; not guessed.
  return undefined;
}

function stringsIn(list: string): string[] {
  return [...list.matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g)].map((m) => unquote(m[0]));
}

function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  if (lit.startsWith("'")) return body.replace(/\\(['\\])/g, '$1');
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(Number.parseInt(e.slice(2, -1), 16));
    if (e.startsWith('u') && e.length === 5) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', e: '\x1b', s: ' ', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/**
 * `#{s.name}`, `#{spec.version}`, `#{name}` inside double-quoted values, resolved from the other
 * fields read; a field with an interpolation that cannot be resolved is dropped.
 */
export function resolveInterpolations(fields: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    let ok = true;
    const resolved = value.replace(/#\{\s*(?:\w+\.)?(\w+)\s*\}/g, (whole, ref: string) => {
      const v = /^\w+$/.test(ref) && ref !== key ? fields[ref] : undefined;
      if (v === undefined || v.includes('#{')) {
        ok = false;
        return whole;
      }
      return v;
    });
    if (ok && !/#\{/.test(resolved)) out[key] = resolved;
  }
  return out;
}
