import type { LockDep, LockNode } from '../lock-graph.ts';
import { normalizePypiName } from '../pypi-package.ts';
import { isTable, parseTomlDocument } from '../toml-document.ts';

export interface UvLockEntry extends LockNode {
  /** `registry` URL, or the kind of a local source (`editable`, `virtual`, `directory`, `path`, `git`, `url`). */
  readonly source?: { readonly kind: string; readonly value: string };
  /** `[package.dev-dependencies]`: group name → requirements (only the project's own groups matter). */
  readonly devGroups: Readonly<Record<string, readonly LockDep[]>>;
  readonly sdistHash?: string;
}

function deps(list: unknown): LockDep[] {
  return (Array.isArray(list) ? list : []).flatMap((d) => {
    if (!isTable(d) || typeof d.name !== 'string') return [];
    const extras = Array.isArray(d.extra) ? d.extra.filter((e): e is string => typeof e === 'string') : [];
    return [{ name: d.name, ...(typeof d.version === 'string' ? { version: d.version } : {}), extras }];
  });
}

function groups(table: unknown, normalise: boolean): Record<string, LockDep[]> {
  const out: Record<string, LockDep[]> = {};
  if (!isTable(table)) return out;
  for (const [k, v] of Object.entries(table)) out[normalise ? normalizePypiName(k) : k] = deps(v);
  return out;
}

/**
 * uv.lock (TOML, `version = 1`): `[[package]]` with name, version, source, `dependencies`,
 * `[package.optional-dependencies]` and `[package.dev-dependencies]`. A package without a version
 * (a dynamic-version workspace member) gets an empty one. Throws on invalid TOML.
 */
export function parseUvLock(text: string): UvLockEntry[] {
  const doc = parseTomlDocument(text, 'uv.lock');
  const out: UvLockEntry[] = [];
  for (const p of Array.isArray(doc.package) ? doc.package : []) {
    if (!isTable(p) || typeof p.name !== 'string') continue;
    let source: UvLockEntry['source'];
    if (isTable(p.source)) {
      const [kind, value] = Object.entries(p.source)[0] ?? [];
      if (kind && typeof value === 'string') source = { kind, value };
    }
    const sdistHash = isTable(p.sdist) && typeof p.sdist.hash === 'string' ? p.sdist.hash : undefined;
    out.push({
      name: p.name,
      version: typeof p.version === 'string' ? p.version : '',
      deps: deps(p.dependencies),
      optional: groups(p['optional-dependencies'], true),
      devGroups: groups(p['dev-dependencies'], false),
      ...(source ? { source } : {}),
      ...(sdistHash ? { sdistHash } : {}),
    });
  }
  return out;
}
