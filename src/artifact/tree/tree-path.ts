/**
 * Normalises a path from a tar header or a directory walk to the tree's form: relative,
 * `/`-separated, no `.` segments, no trailing slash; `` is the root. Returns undefined when the
 * path climbs above the root (`../etc/passwd`), which a layer must never do.
 */
export function normalizeEntryPath(name: string): string | undefined {
  const out: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return out.join('/');
}

export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('/');
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
