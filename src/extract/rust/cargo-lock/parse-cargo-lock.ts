import { parse, TomlError } from 'smol-toml';

export interface CargoLockPackage {
  readonly name: string;
  readonly version: string;
  /** `registry+https://github.com/rust-lang/crates.io-index`, `git+…#rev`; undefined for workspace/path crates. */
  readonly source?: string;
  /** SHA-256 of the .crate file (lowercase hex). */
  readonly checksum?: string;
  /** As written: `name`, `name version` or `name version (source)`. */
  readonly dependencies: readonly string[];
}

export interface CargoLock {
  /** Lock file format version (`version = 3`); undefined for the oldest format. */
  readonly version?: number;
  readonly packages: CargoLockPackage[];
  readonly problems: string[];
}

/**
 * Parses a Cargo.lock (formats v1–v4): every [[package]] with its source, checksum (inline, or
 * from the v1 [metadata] table) and dependency specs. Throws an Error naming the TOML problem
 * when the file is not TOML; entries without a name or version become problems.
 */
export function parseCargoLock(text: string): CargoLock {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : '';
    throw new Error(`Cargo.lock is not valid TOML${where}: ${(e as Error).message.split('\n')[0]}`);
  }
  const problems: string[] = [];
  const legacySums = legacyChecksums(doc.metadata);
  const raw = Array.isArray(doc.package) ? (doc.package as unknown[]) : [];
  const packages: CargoLockPackage[] = [];
  for (const [i, entry] of raw.entries()) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`[[package]] #${i + 1} is not a table`);
      continue;
    }
    const p = entry as Record<string, unknown>;
    if (typeof p.name !== 'string' || typeof p.version !== 'string' || p.name === '') {
      problems.push(`[[package]] #${i + 1} has no name or version`);
      continue;
    }
    const source = typeof p.source === 'string' ? p.source : undefined;
    const checksum =
      typeof p.checksum === 'string'
        ? p.checksum
        : legacySums.get(`${p.name} ${p.version}${source ? ` (${source})` : ''}`);
    const deps = Array.isArray(p.dependencies)
      ? p.dependencies.filter((d): d is string => typeof d === 'string')
      : [];
    packages.push({
      name: p.name,
      version: p.version,
      ...(source ? { source } : {}),
      ...(checksum && /^[0-9a-f]{64}$/.test(checksum) ? { checksum } : {}),
      dependencies: deps,
    });
  }
  return { ...(typeof doc.version === 'number' ? { version: doc.version } : {}), packages, problems };
}

/** v1 lock files keep checksums apart: `"checksum serde 1.0.0 (registry+…)" = "<sha256>"`. */
function legacyChecksums(metadata: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof metadata !== 'object' || metadata === null) return out;
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith('checksum ') && typeof value === 'string') out.set(key.slice(9), value);
  }
  return out;
}

/** A dependency spec split into its parts: `regex 1.11.1 (git+https://…)`. */
export function parseDependencySpec(spec: string): { name: string; version?: string; source?: string } {
  const m = /^(\S+)(?:\s+(\S+))?(?:\s+\((.+)\))?$/.exec(spec.trim());
  if (!m) return { name: spec.trim() };
  return { name: m[1]!, ...(m[2] ? { version: m[2] } : {}), ...(m[3] ? { source: m[3] } : {}) };
}
