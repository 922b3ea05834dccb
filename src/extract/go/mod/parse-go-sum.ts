/**
 * The module hashes of a go.sum: `"<module> <version>"` → `h1:…` (the `/go.mod` lines, hashes of
 * the go.mod file alone, are left out). Malformed lines are skipped.
 */
export function parseGoSum(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const [path, version, hash] = line.trim().split(/\s+/);
    if (!path || !version || !hash || version.endsWith('/go.mod')) continue;
    if (!out.has(`${path} ${version}`)) out.set(`${path} ${version}`, hash);
  }
  return out;
}
