import type { FileStat } from '../core/readonly-fs.ts';
import type { ResolvingFs } from './dir-fs.ts';

/** A file's contents, or a symlink to another tree path (relative to the link's folder, or absolute). */
export type MemEntry = string | Uint8Array | { readonly link: string };

/**
 * An in-memory ReadonlyFs for tests: `{ 'etc/os-release': 'ID=debian\n' }`. Folders are implied by
 * the paths. Symlinks (only as the last component) are followed by every call, as in the scan's views.
 */
export function memFs(entries: Readonly<Record<string, MemEntry>>): ResolvingFs {
  const files = new Map(Object.entries(entries).map(([p, e]) => [p.replace(/^\/+/, ''), e] as const));
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!dirs.has(parent)) dirs.set(parent, new Set());
      dirs.get(parent)!.add(parts[i]!);
    }
  }

  function resolve(path: string): string | undefined {
    let current = path.replace(/^\/+/, '');
    for (let hops = 0; hops < 40; hops++) {
      const entry = files.get(current);
      if (entry === undefined) return dirs.has(current) ? current : undefined;
      if (typeof entry === 'string' || entry instanceof Uint8Array) return current;
      const out = entry.link.startsWith('/') ? [] : current.split('/').slice(0, -1);
      for (const part of entry.link.split('/')) {
        if (part === '..') out.pop();
        else if (part !== '' && part !== '.') out.push(part);
      }
      current = out.join('/');
    }
    return undefined;
  }

  function content(path: string): Uint8Array | undefined {
    const real = resolve(path);
    const entry = real === undefined ? undefined : files.get(real);
    if (typeof entry === 'string') return new TextEncoder().encode(entry);
    return entry instanceof Uint8Array ? entry : undefined;
  }

  return {
    resolve,
    stat(path: string): FileStat | undefined {
      const real = resolve(path);
      if (real === undefined) return undefined;
      const bytes = content(real);
      return bytes
        ? { type: 'file', size: bytes.length, mode: 0o644 }
        : { type: 'dir', size: 0, mode: 0o755 };
    },
    readdir(path: string): string[] | undefined {
      const real = resolve(path);
      const names = real === undefined ? undefined : dirs.get(real);
      return names ? [...names] : undefined;
    },
    async readFile(path: string): Promise<Uint8Array | undefined> {
      return content(path);
    },
  };
}
