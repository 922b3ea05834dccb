import { isRecord } from '../../core/is-record.ts';
import type { ReadonlyFs } from '../../core/readonly-fs.ts';

/** What a lockfile extractor needs from the project's own package.json. */
export interface ProjectManifest {
  readonly name?: string;
  readonly version?: string;
  /** dependencies, optionalDependencies and peerDependencies: name → range. */
  readonly prod: ReadonlyMap<string, string>;
  /** devDependencies: name → range. */
  readonly dev: ReadonlyMap<string, string>;
}

/** package.json files that are projects (not installed packages): what lockfile extractors read as siblings. */
export function isProjectManifest(path: string): boolean {
  return (path === 'package.json' || path.endsWith('/package.json')) && !/(^|\/)node_modules\//.test(path);
}

/** The name → range maps of a parsed package.json object (or of a lockfile's root entry, same fields). */
export function manifestDeps(json: unknown): ProjectManifest {
  const obj = isRecord(json) ? json : {};
  const ranges = (field: string): [string, string][] => {
    const v = obj[field];
    return isRecord(v) ? Object.entries(v).map(([k, r]) => [k, typeof r === 'string' ? r : '']) : [];
  };
  return {
    ...(typeof obj.name === 'string' ? { name: obj.name } : {}),
    ...(typeof obj.version === 'string' ? { version: obj.version } : {}),
    prod: new Map([
      ...ranges('peerDependencies'),
      ...ranges('optionalDependencies'),
      ...ranges('dependencies'),
    ]),
    dev: new Map(ranges('devDependencies')),
  };
}

/**
 * The package.json beside a lockfile, or undefined when it is missing or unreadable (the lockfile
 * is still extracted; only direct/dev flags are then unknown).
 */
export async function readProjectManifest(
  fs: ReadonlyFs,
  lockPath: string,
): Promise<ProjectManifest | undefined> {
  const slash = lockPath.lastIndexOf('/');
  const path = slash < 0 ? 'package.json' : `${lockPath.slice(0, slash)}/package.json`;
  const bytes = await fs.readFile(path);
  if (!bytes || bytes.length > 4 * 1024 * 1024) return undefined;
  try {
    return manifestDeps(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return undefined;
  }
}
