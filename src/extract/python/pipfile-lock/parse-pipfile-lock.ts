import { isRecord } from '../../../core/is-record.ts';
import type { PackageHash } from '../../../core/package.ts';
import { parseHashSpec } from '../pypi-package.ts';

export interface PipfileLockEntry {
  readonly name: string;
  readonly version: string;
  readonly dev: boolean;
  readonly hashes: PackageHash[];
  /** The index URL (resolved from `_meta.sources` by name). */
  readonly index?: string;
  readonly markers?: string;
}

export interface ParsedPipfileLock {
  readonly entries: PipfileLockEntry[];
  /** Entries without an exact `==` version (VCS or path installs): no package. */
  readonly skipped: string[];
}

/**
 * Pipenv's Pipfile.lock (JSON): `default` (runtime) and `develop` (dev) sections of
 * `name → { version: "==x", hashes, index, markers }`. Throws on invalid JSON or a non-object root.
 */
export function parsePipfileLock(text: string): ParsedPipfileLock {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid Pipfile.lock: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new Error('invalid Pipfile.lock: the top level is not a JSON object');
  const sources = new Map<string, string>();
  const meta = doc._meta;
  if (isRecord(meta) && Array.isArray(meta.sources)) {
    for (const s of meta.sources) {
      if (isRecord(s) && typeof s.name === 'string' && typeof s.url === 'string') sources.set(s.name, s.url);
    }
  }
  const entries: PipfileLockEntry[] = [];
  const skipped: string[] = [];
  for (const [section, dev] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    const deps = doc[section];
    if (!isRecord(deps)) continue;
    for (const [name, v] of Object.entries(deps)) {
      const version =
        isRecord(v) && typeof v.version === 'string' ? /^===?\s*(\S+)$/.exec(v.version)?.[1] : undefined;
      if (!isRecord(v) || !version) {
        skipped.push(name);
        continue;
      }
      const hashes = (Array.isArray(v.hashes) ? v.hashes : []).flatMap((h) => {
        const parsed = typeof h === 'string' ? parseHashSpec(h) : undefined;
        return parsed ? [parsed] : [];
      });
      const index =
        typeof v.index === 'string' ? (sources.get(v.index) ?? v.index) : [...sources.values()][0];
      entries.push({
        name,
        version,
        dev,
        hashes,
        ...(index ? { index } : {}),
        ...(typeof v.markers === 'string' ? { markers: v.markers } : {}),
      });
    }
  }
  return { entries, skipped };
}
