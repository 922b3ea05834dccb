/**
 * Paths inside a Kubernetes object, as findings report them: `spec.containers[0].securityContext`,
 * with bracketed quotes for keys that are not plain identifiers
 * (`metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']`), the notation the
 * Pod Security Standards page uses.
 */
export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends keys and indexes to a path (`''` is the object's root). */
export function joinPath(base: string, ...segments: readonly PathSegment[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (PLAIN_KEY.test(s)) out += out === '' ? s : `.${s}`;
    else out += `['${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
  }
  return out;
}

/**
 * Splits a path written by {@link joinPath} back into keys and indexes. Lenient: a malformed tail
 * (an unclosed bracket) ends the walk, so `lineOf` falls back to the nearest ancestor.
 */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      if (path[i + 1] === "'") {
        let key = '';
        let j = i + 2;
        for (; j < path.length && path[j] !== "'"; j++) {
          if (path[j] === '\\' && j + 1 < path.length) j++;
          key += path[j];
        }
        if (path[j] !== "'" || path[j + 1] !== ']') return out;
        out.push(key);
        i = j + 2;
        continue;
      }
      const end = path.indexOf(']', i);
      if (end < 0) return out;
      const n = Number(path.slice(i + 1, end));
      if (!Number.isInteger(n) || n < 0) return out;
      out.push(n);
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}
