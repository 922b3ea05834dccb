import { splitNameVersion } from '../split-name-version.ts';

/**
 * A pnpm-lock.yaml package key → name and version, for every lockfile generation:
 * v5 `/name/1.0.0`, `/@scope/name/1.0.0_peer@2.0.0`; v6–v8 `/name@1.0.0(peer@2.0.0)`;
 * v9 `name@1.0.0(peer@2.0.0)`; with a registry host in front for non-default registries
 * (`registry.example.com/name/1.0.0`). Peer suffixes are dropped: they tell installs apart,
 * not packages. Undefined for keys that are not name+version (tarball URLs, git hosts).
 */
export function parsePnpmKey(
  key: string,
  lockVersion: number,
): { name: string; version: string } | undefined {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren > 0) k = k.slice(0, paren);
  if (lockVersion < 6) {
    // Strip a registry host: its first segment has a dot and is not a scope.
    const parts = k.split('/');
    if (parts.length > 2 && parts[0]!.includes('.') && !parts[0]!.startsWith('@')) parts.shift();
    const scoped = parts[0]!.startsWith('@');
    if (parts.length !== (scoped ? 3 : 2)) return undefined;
    const version = parts.at(-1)!.split('_')[0]!;
    const name = parts.slice(0, -1).join('/');
    return version && name ? { name, version } : undefined;
  }
  const nv = splitNameVersion(k);
  if (!nv) return undefined;
  // A registry host in front of the name (`registry.example.com/name@1.0.0`).
  const slash = nv.name.indexOf('/');
  if (slash > 0 && !nv.name.startsWith('@') && nv.name.slice(0, slash).includes('.')) {
    const rest = nv.name.slice(slash + 1);
    return rest ? { name: rest, version: nv.version } : undefined;
  }
  if (/[:/]/.test(nv.version)) return undefined;
  return nv;
}

/** The pnpm-lock.yaml key a dependency reference points at (`name: ref` in a package or importer). */
export function pnpmRefKey(name: string, ref: string, lockVersion: number): string | undefined {
  if (ref.startsWith('link:') || ref.startsWith('file:') || ref.startsWith('workspace:')) return undefined;
  if (ref.startsWith('/')) return ref.slice(1);
  if (lockVersion < 6) return `${name}/${ref}`;
  // v9 writes aliases as `real-name@1.0.0`; plain versions start with a digit.
  if (lockVersion >= 9 && !/^\d/.test(ref) && splitNameVersion(ref.split('(')[0]!)) return ref;
  return `${name}@${ref}`;
}
