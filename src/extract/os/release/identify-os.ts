import type { OsInfo } from '../../../core/os-info.ts';
import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import {
  type OsFields,
  osFromAlpineRelease,
  osFromDebianVersion,
  osFromLsbRelease,
  osFromOsRelease,
  osFromRedhatRelease,
  osFromSystemReleaseCpe,
} from './parse-release-files.ts';

/** Release files, best first: os-release wins; the distro-specific files are fallbacks. */
export const RELEASE_FILES: readonly {
  readonly path: string;
  readonly parse: (text: string) => OsFields | undefined;
}[] = [
  { path: 'etc/os-release', parse: osFromOsRelease },
  { path: 'usr/lib/os-release', parse: osFromOsRelease },
  { path: 'etc/alpine-release', parse: osFromAlpineRelease },
  { path: 'etc/centos-release', parse: osFromRedhatRelease },
  { path: 'etc/redhat-release', parse: osFromRedhatRelease },
  { path: 'etc/system-release', parse: osFromRedhatRelease },
  { path: 'etc/system-release-cpe', parse: osFromSystemReleaseCpe },
  // before debian_version: Ubuntu's debian_version only says `bookworm/sid`.
  { path: 'etc/lsb-release', parse: osFromLsbRelease },
  { path: 'etc/debian_version', parse: osFromDebianVersion },
];

export const RELEASE_PATHS: ReadonlySet<string> = new Set(RELEASE_FILES.map((f) => f.path));

/** Release files are a few hundred bytes; anything this large is not one. */
export const MAX_RELEASE_FILE = 64 * 1024;

export interface Identified {
  /** The OS, when some release file names it. */
  readonly os?: OsInfo;
  /** The release file whose extract() call reports `os`: the winner with symlinks resolved, when that is a release file. */
  readonly claimedBy?: string;
  /** Release files that were present but said nothing usable, with why. */
  readonly rejected: ReadonlyMap<string, string>;
}

/**
 * Identifies the OS of `fs` from its release files, best first. `os.source` is the file that won,
 * with symlinks resolved (`etc/os-release` → `usr/lib/os-release`); `claimedBy` is that resolved
 * path too when it is itself a release file, so exactly one release file — the one the runner sees
 * as a regular file — claims the result however the runner treats symlinks.
 */
export async function identifyOs(fs: ReadonlyFs): Promise<Identified> {
  const rejected = new Map<string, string>();
  for (const { path, parse } of RELEASE_FILES) {
    const bytes = await fs.readFile(path);
    if (bytes === undefined) continue;
    const resolved = realPath(fs, path);
    const real = RELEASE_PATHS.has(resolved) ? resolved : path;
    const problem = notText(bytes);
    const fields = problem ? undefined : parse(new TextDecoder().decode(bytes));
    if (!fields) {
      if (!rejected.has(real)) rejected.set(real, `${path} ${problem ?? 'names no OS'}; ignored`);
      continue;
    }
    return { os: await complete(fs, fields, resolved), claimedBy: real, rejected };
  }
  return { rejected };
}

function notText(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'is empty';
  if (bytes.length > MAX_RELEASE_FILE) return `is ${bytes.length} bytes, too large for a release file`;
  if (bytes.includes(0)) return 'is not a text file';
  return undefined;
}

async function complete(fs: ReadonlyFs, fields: OsFields, source: string): Promise<OsInfo> {
  let os: OsInfo = { ...fields, source };
  // Distroless Debian ships an os-release without VERSION_ID; debian_version still has the release.
  if (os.id === 'debian' && !os.versionId) {
    const bytes = await fs.readFile('etc/debian_version');
    const fromFile =
      bytes && !notText(bytes) ? osFromDebianVersion(new TextDecoder().decode(bytes)) : undefined;
    if (fromFile?.versionId) os = { ...os, versionId: fromFile.versionId };
  }
  if (!os.distroless && looksDistroless(fs)) os = { ...os, distroless: true };
  return os;
}

/** Google distroless: dpkg records in status.d/ (one file per package) and no shell. */
function looksDistroless(fs: ReadonlyFs): boolean {
  if (fs.stat('var/lib/dpkg/status.d')?.type !== 'dir') return false;
  return !['bin/sh', 'usr/bin/sh', 'bin/busybox'].some((p) => fs.stat(p) !== undefined);
}

/** DirFs and MergedTree can say where a path really is; ReadonlyFs does not promise it (yet). */
/** `path` with its symlinks resolved inside the tree (`path` itself on a loop). */
export function realPath(fs: ReadonlyFs, path: string): string {
  return fs.resolve(path) ?? path;
}
