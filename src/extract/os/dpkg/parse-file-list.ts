/**
 * Paths of a dpkg `info/<pkg>.list` file (one absolute path per line, folders included) as tree
 * paths. Folders are dropped when the list itself shows them to be parents of other entries
 * (dpkg lists every parent), so what remains is the files (and the rare empty folder) it owns.
 */
export function pathsFromList(text: string): string[] {
  const entries = new Set<string>();
  for (const raw of text.split('\n')) {
    const path = raw.replace(/\r$/, '').replace(/^\/+/, '');
    if (path !== '' && path !== '.') entries.add(path);
  }
  const parents = new Set<string>();
  for (const path of entries) {
    // Walk up until an ancestor already known: its own ancestors were added then.
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      const parent = path.slice(0, i);
      if (parents.has(parent)) break;
      parents.add(parent);
    }
  }
  return [...entries].filter((p) => !parents.has(p));
}

/** Paths of a dpkg `.md5sums` file (`<md5>  <path>` per line, paths without the leading slash). */
export function pathsFromMd5sums(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^[0-9a-f]{32}\s+\/?(.+?)\r?$/i.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}
