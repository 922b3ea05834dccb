import { inflateSync } from 'node:zlib';

/** One crate of cargo-auditable's dependency list (auditable-serde's format). */
export interface AuditableCrate {
  readonly name: string;
  readonly version: string;
  /** `crates.io`, `git`, `local`, `registry`, `builtin`… */
  readonly source: string;
  /** `runtime` (default) or `build` (build scripts, proc macros). */
  readonly kind: string;
  /** Indices into the crate list. */
  readonly dependencies: readonly number[];
  readonly root: boolean;
}

/** The decompressed JSON is a few KiB per hundred crates; more than this is a bomb. */
const MAX_JSON = 8 * 1024 * 1024;

/**
 * Decodes the `.dep-v0` section cargo-auditable embeds: zlib-compressed JSON
 * `{"packages":[{name, version, source, kind?, dependencies?, root?}]}`. Throws an Error saying
 * what is wrong (not zlib, too large, not JSON, not the expected shape).
 */
export function parseAuditableSection(section: Uint8Array): AuditableCrate[] {
  let json: Buffer;
  try {
    json = inflateSync(section, { maxOutputLength: MAX_JSON });
  } catch (e) {
    throw new Error(`cargo-auditable data (.dep-v0) cannot be inflated: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json.toString('utf8'));
  } catch (e) {
    throw new Error(`cargo-auditable data (.dep-v0) is not JSON: ${(e as Error).message}`);
  }
  const list = (doc as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(list)) throw new Error('cargo-auditable data (.dep-v0) has no "packages" list');
  return list.map((raw, i) => {
    const p = raw as Record<string, unknown> | null;
    if (typeof p?.name !== 'string' || typeof p.version !== 'string')
      throw new Error(`cargo-auditable data (.dep-v0): package #${i} has no name or version`);
    const deps = Array.isArray(p.dependencies) ? p.dependencies : [];
    return {
      name: p.name,
      version: p.version,
      source: typeof p.source === 'string' ? p.source : 'crates.io',
      kind: typeof p.kind === 'string' ? p.kind : 'runtime',
      dependencies: deps.filter((d): d is number => Number.isInteger(d) && d >= 0 && d < list.length),
      root: p.root === true,
    };
  });
}
