/**
 * Compiles a Falco `glob` pattern into a RegExp matching the whole value: `*` any run of characters
 * (slashes included, as with fnmatch without FNM_PATHNAME), `?` one character, `[abc]`, `[a-z]`,
 * `[!a]`/`[^a]` a character class; everything else is literal. An unclosed `[` is literal.
 */
export function globToRegExp(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        src += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      src += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}

/**
 * Falco's `pmatch`: `value` is one of `paths` or lies under one (`/etc` matches `/etc` and
 * `/etc/passwd`, not `/etcd`). Trailing slashes of the patterns are ignored; `/` matches every
 * absolute path.
 */
export function pathMatcher(paths: readonly string[]): (value: string) => boolean {
  const prefixes = paths.map((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p));
  return (value) => {
    for (const p of prefixes) {
      if (p === '/') {
        if (value.startsWith('/')) return true;
      } else if (value === p || (value.startsWith(p) && value.charCodeAt(p.length) === 47)) return true;
    }
    return false;
  };
}
