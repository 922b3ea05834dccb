/** One challenge of a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"`. */
export interface AuthChallenge {
  /** Lowercased scheme: `bearer`, `basic`, … */
  readonly scheme: string;
  /** Parameters with lowercased names. */
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/**
 * Parses the challenges of a WWW-Authenticate header (RFC 7235): quoted strings with backslash
 * escapes, several challenges separated by commas. Never throws; unparsable tails are dropped.
 */
export function parseWwwAuthenticate(header: string | readonly string[] | undefined): AuthChallenge[] {
  if (header === undefined) return [];
  if (typeof header !== 'string') return header.flatMap((h) => parseWwwAuthenticate(h));
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let s = header;
  const skip = (): void => {
    s = s.replace(/^[\s,]+/, '');
  };
  skip();
  while (s.length > 0) {
    const scheme = TOKEN.exec(s)?.[0];
    if (!scheme) break;
    s = s.slice(scheme.length);
    const current = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    challenges.push(current);
    skip();
    // Parameters follow until the next token that is not followed by "=" (the next scheme).
    while (s.length > 0) {
      const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*/.exec(s);
      if (!m?.[1]) break;
      s = s.slice(m[0].length);
      let value: string;
      if (s.startsWith('"')) {
        let i = 1;
        value = '';
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        s = s.slice(i + 1);
      } else {
        value = /^[^\s,]*/.exec(s)?.[0] ?? '';
        s = s.slice(value.length);
      }
      current.params[m[1].toLowerCase()] = value;
      skip();
    }
  }
  return challenges;
}
