import { isRecord } from '../../../core/is-record.ts';
import { markDevDirect } from '../mark-dev-direct.ts';
import type { LockNode } from '../npm-package.ts';

import { splitNameVersion } from '../split-name-version.ts';
import { parseJsonc } from './parse-jsonc.ts';

type Obj = Record<string, unknown>;

/** Protocols of the project's own code (root, workspaces, links, folders): not packages. */
const LOCAL = /^(root|workspace|link|file):/;
const DEP_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * The text bun.lock (Bun ≥ 1.1.39; JSONC with trailing commas) → lock nodes. `packages` maps an
 * install path (`axios`, `sharp/color` for a copy nested under sharp) to a tuple whose length
 * depends on the source: `[ident, registry, info, integrity]` for npm, `[ident, info, id,
 * integrity?]` for git, `[ident]` for workspaces. Dependencies resolve like node_modules: the
 * nested path first, then outwards. Workspaces' dependencies are direct. Throws on invalid JSONC.
 */
export function parseBunLock(text: string): { nodes: LockNode[]; warnings: string[] } {
  let json: unknown;
  try {
    json = parseJsonc(text);
  } catch (e) {
    throw new Error(`not a bun.lock: invalid JSON (${(e as Error).message})`);
  }
  if (!isRecord(json) || !isRecord(json.packages)) throw new Error('not a bun.lock: no "packages" object');
  const warnings: string[] = [];
  const entries = new Map<string, { name: string; version: string; info: Obj; integrity?: string }>();
  for (const [key, tuple] of Object.entries(json.packages)) {
    if (!Array.isArray(tuple) || typeof tuple[0] !== 'string') {
      warnings.push(`package "${key}" is not a [identifier, …] tuple; skipped`);
      continue;
    }
    const nv = splitNameVersion(tuple[0]);
    if (!nv) {
      warnings.push(`package "${key}" has no version in "${tuple[0]}"; skipped`);
      continue;
    }
    if (LOCAL.test(nv.version)) continue;
    const info = (tuple.slice(1).find(isRecord) as Obj | undefined) ?? {};
    const integrity = tuple
      .slice(1)
      .find((t): t is string => typeof t === 'string' && /^sha(1|256|384|512)-/.test(t));
    entries.set(key, { ...nv, info, ...(integrity ? { integrity } : {}) });
  }
  const resolve = (from: string, dep: string): string | undefined => {
    const parts = pathPackages(from);
    for (let i = parts.length; i >= 0; i--) {
      const k = [...parts.slice(0, i), dep].join('/');
      if (entries.has(k)) return k;
    }
    return undefined;
  };
  const refs = (from: string, o: Obj, fields: readonly string[]) =>
    fields.flatMap((f) =>
      isRecord(o[f])
        ? Object.keys(o[f] as Obj).flatMap((d) => {
            const k = resolve(from, d);
            return k === undefined ? [] : [k];
          })
        : [],
    );
  const edges = new Map([...entries].map(([k, e]) => [k, refs(k, e.info, DEP_FIELDS)]));
  const workspaces = isRecord(json.workspaces) ? Object.values(json.workspaces).filter(isRecord) : [];
  const prod = workspaces.flatMap((w) => refs('', w, DEP_FIELDS));
  const dev = workspaces.flatMap((w) => refs('', w, ['devDependencies']));
  const flags = markDevDirect(edges, { prod, dev });
  return {
    nodes: [...entries].map(([key, e]) => {
      const f = flags.get(key);
      const metadata: Obj = { key };
      for (const field of ['os', 'cpu'] as const)
        if (e.info[field] !== undefined) metadata[field] = e.info[field];
      return {
        key,
        name: e.name,
        version: e.version,
        dependsOn: edges.get(key) ?? [],
        ...(f ? f : workspaces.length > 0 ? { direct: false } : {}),
        ...(e.integrity ? { integrity: e.integrity } : {}),
        metadata,
      };
    }),
    warnings,
  };
}

/** `a/@s/b/c` → [`a`, `@s/b`, `c`]: the packages along an install path. */
function pathPackages(key: string): string[] {
  if (key === '') return [];
  const out: string[] = [];
  const segs = key.split('/');
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.startsWith('@') && i + 1 < segs.length) {
      out.push(`${s}/${segs[i + 1]}`);
      i++;
    } else out.push(s);
  }
  return out;
}
