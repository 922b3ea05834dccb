import { posix } from 'node:path';

/** One row of a wheel RECORD: path, `alg=urlsafe-b64` digest and size (both may be empty). */
export interface RecordEntry {
  readonly path: string;
  readonly digest?: { readonly algorithm: string; readonly value: string };
  readonly size?: number;
}

/**
 * RECORD is CSV (PEP 376): `path,hash,size`; a path holding a comma or a quote is quoted with
 * doubled quotes inside. Every real row has three cells (`RECORD,,` too); rows with fewer (merge
 * conflict markers and other junk seen in the wild) are skipped, as are rows without a path.
 */
export function parseRecord(text: string): RecordEntry[] {
  const out: RecordEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const cells = csvRow(line);
    const [path, hash, size] = cells;
    if (cells.length < 3 || !path) continue;
    const eq = hash?.indexOf('=') ?? -1;
    const n = size ? Number(size) : Number.NaN;
    out.push({
      path,
      ...(hash && eq > 0 ? { digest: { algorithm: hash.slice(0, eq), value: hash.slice(eq + 1) } } : {}),
      ...(Number.isSafeInteger(n) && n >= 0 ? { size: n } : {}),
    });
  }
  return out;
}

function csvRow(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else cell += line[i++];
      }
      cells.push(cell);
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

/**
 * RECORD and installed-files.txt paths are relative to a folder (site-packages, or the egg-info
 * folder) and may climb out of it (`../../../bin/flask`). As tree paths (no leading slash);
 * paths that climb out of the scanned tree are dropped.
 */
export function treePaths(base: string, paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const slashed = p.replace(/\\/g, '/');
    // An absolute path (some installers write them) is already a tree path.
    const absolute = slashed.startsWith('/');
    const rel = posix.normalize(absolute ? slashed : posix.join('/', base, slashed)).replace(/^\/+/, '');
    // posix.join from '/' clamps `..` at the root; reject paths that needed the clamp.
    if (rel === '' || climbsOut(absolute ? '' : base, slashed)) continue;
    out.add(rel);
  }
  return [...out];
}

function climbsOut(base: string, p: string): boolean {
  let depth = base === '' || base === '.' ? 0 : base.split('/').filter((s) => s && s !== '.').length;
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}
