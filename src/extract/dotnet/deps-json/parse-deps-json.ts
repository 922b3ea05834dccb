import { isRecord } from '../../../core/is-record.ts';

/** One library of a `.deps.json`, with its dependencies merged across targets. */
export interface DepsLibrary {
  readonly name: string;
  readonly version: string;
  /** package, project, referenceassembly… */
  readonly type: string;
  readonly sha512?: string;
  readonly path?: string;
  readonly hashPath?: string;
  /** Dependency name → version, from every target that lists the library. */
  readonly dependencies: Readonly<Record<string, string>>;
}

/**
 * The .NET host's `<app>.deps.json`: `libraries` ("Name/Version" → type, sha512, path) and
 * `targets` (framework[/rid] → "Name/Version" → dependencies). Throws when `libraries` is missing.
 */
export function parseDepsJson(doc: unknown): DepsLibrary[] {
  if (!isRecord(doc) || !isRecord(doc.libraries))
    throw new Error('invalid .deps.json: no "libraries" object');
  const deps = new Map<string, Record<string, string>>();
  if (isRecord(doc.targets)) {
    for (const target of Object.values(doc.targets)) {
      if (!isRecord(target)) continue;
      for (const [key, lib] of Object.entries(target)) {
        if (!isRecord(lib) || !isRecord(lib.dependencies)) continue;
        const merged = deps.get(key) ?? {};
        for (const [n, v] of Object.entries(lib.dependencies)) if (typeof v === 'string') merged[n] = v;
        deps.set(key, merged);
      }
    }
  }
  const out: DepsLibrary[] = [];
  for (const [key, lib] of Object.entries(doc.libraries)) {
    const slash = key.lastIndexOf('/');
    if (slash <= 0 || !isRecord(lib)) continue;
    out.push({
      name: key.slice(0, slash),
      version: key.slice(slash + 1),
      type: typeof lib.type === 'string' ? lib.type : '',
      ...(typeof lib.sha512 === 'string' && lib.sha512 !== '' ? { sha512: lib.sha512 } : {}),
      ...(typeof lib.path === 'string' ? { path: lib.path } : {}),
      ...(typeof lib.hashPath === 'string' ? { hashPath: lib.hashPath } : {}),
      dependencies: deps.get(key) ?? {},
    });
  }
  return out;
}
