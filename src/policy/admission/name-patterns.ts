/** A compiled list of name patterns: `*` matches any run of characters; a pattern ending in `/` is a prefix. */
export type NameMatcher = (name: string) => boolean;

/**
 * `*` glob match in O(name × pattern) at worst, with no regular expression: names come from the
 * requester and must not be able to make the webhook backtrack.
 */
function globMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Compiles exemption patterns (`kube-*`, `registry.k8s.io/*`, `ghcr.io/acme/`) into one test.
 * Without `*` or a trailing `/`, a pattern matches the whole name only.
 */
export function compileNamePatterns(patterns: readonly string[]): NameMatcher {
  if (patterns.length === 0) return () => false;
  const globs = patterns.map((p) => (p.endsWith('/') ? `${p}*` : p));
  return (name) => globs.some((g) => globMatch(g, name));
}
