import type { LockDep, LockNode } from '../lock-graph.ts';
import { normalizePypiName } from '../pypi-package.ts';
import { isTable, parseTomlDocument } from '../toml-document.ts';

export interface PoetryLockEntry extends LockNode {
  /** `category = "dev"` (Poetry < 1.2) or `groups` without `main` (Poetry 2); undefined when unknown. */
  readonly dev?: boolean;
  readonly index?: string;
  readonly markers?: string;
  readonly groups?: string[];
}

/**
 * poetry.lock (TOML): `[[package]]` with name, version, category or groups, source,
 * `[package.dependencies]` (`name = "spec"`, `{version, extras, markers}` or a list of those) and
 * `[package.extras]` (lists of PEP 508 strings). Throws on invalid TOML.
 */
export function parsePoetryLock(text: string): PoetryLockEntry[] {
  const doc = parseTomlDocument(text, 'poetry.lock');
  const pkgs = Array.isArray(doc.package) ? doc.package : [];
  const out: PoetryLockEntry[] = [];
  for (const p of pkgs) {
    if (!isTable(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const deps: LockDep[] = [];
    if (isTable(p.dependencies)) {
      for (const [name, spec] of Object.entries(p.dependencies)) {
        // A name may list several specs for different markers; their extras add up.
        const specs = Array.isArray(spec) ? spec : [spec];
        const extras = new Set<string>();
        for (const s of specs) {
          if (isTable(s) && Array.isArray(s.extras)) {
            for (const e of s.extras) if (typeof e === 'string') extras.add(e);
          }
        }
        deps.push({ name, extras: [...extras] });
      }
    }
    const optional: Record<string, LockDep[]> = {};
    if (isTable(p.extras)) {
      for (const [extra, reqs] of Object.entries(p.extras)) {
        optional[normalizePypiName(extra)] = (Array.isArray(reqs) ? reqs : []).flatMap((r) => {
          const m = typeof r === 'string' ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(r) : null;
          return m ? [{ name: m[1]!, extras: [] }] : [];
        });
      }
    }
    const groups = Array.isArray(p.groups)
      ? p.groups.filter((g): g is string => typeof g === 'string')
      : undefined;
    const dev =
      typeof p.category === 'string'
        ? p.category === 'dev'
        : groups && groups.length > 0
          ? !groups.includes('main')
          : undefined;
    // No [package.source] means PyPI (Syft reports the same default).
    const source =
      isTable(p.source) && typeof p.source.url === 'string' ? p.source.url : 'https://pypi.org/simple';
    out.push({
      name: p.name,
      version: p.version,
      deps,
      optional,
      ...(dev === undefined ? {} : { dev }),
      ...(source ? { index: source } : {}),
      ...(typeof p.markers === 'string' ? { markers: p.markers } : {}),
      ...(groups ? { groups } : {}),
    });
  }
  return out;
}
