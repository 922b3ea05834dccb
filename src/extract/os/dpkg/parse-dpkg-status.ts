import { parseControl } from './parse-control.ts';

/** One installed package as dpkg's database records it. */
export interface DpkgRecord {
  readonly name: string;
  /** As written; empty when the stanza has none (kept, as Syft does; reported). */
  readonly version: string;
  readonly arch?: string;
  /** The `Source:` field (`glibc (2.36-9)`), when there is one. */
  readonly declaredSource?: { readonly name: string; readonly version?: string };
  readonly maintainer?: string;
  /** Dependency fields verbatim: Depends and Pre-Depends. */
  readonly depends?: string;
  readonly preDepends?: string;
  readonly provides?: string;
  /** Paths of the Conffiles field, without the leading slash. */
  readonly conffiles: readonly string[];
  readonly status?: string;
  readonly multiArch?: string;
  readonly installedSize?: number;
  readonly summary?: string;
  readonly homepage?: string;
  /** An inline License field (opkg-style databases carry one). */
  readonly license?: string;
  readonly line: number;
}

export interface ParsedStatus {
  readonly records: DpkgRecord[];
  readonly warnings: string[];
}

/**
 * The dpkg `Status:` current states in which the package's files are on disk. `not-installed` and
 * `config-files` (removed, configuration left) are not; the others are, whatever the selection
 * (`install`, `hold`, `deinstall`…) says, so they are reported: a half-configured or
 * triggers-pending package still ships its vulnerable files. This matches `dpkg-query -W`.
 */
const PRESENT_STATES = new Set([
  'installed',
  'half-installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
  'triggers-pending',
]);

const NAME = /^[A-Za-z0-9][A-Za-z0-9+.\-_]*$/;

/**
 * Installed packages from dpkg status text (var/lib/dpkg/status, or one var/lib/dpkg/status.d/
 * entry, whose stanzas have no Status field). Never throws: unreadable stanzas become warnings.
 */
export function parseDpkgStatus(text: string): ParsedStatus {
  const { stanzas, errors } = parseControl(text);
  const warnings = errors.map((e) => `stanza at line ${e.line} skipped: ${e.message}`);
  const records: DpkgRecord[] = [];
  for (const { fields, line } of stanzas) {
    const name = fields.get('package');
    if (name === undefined || name === '') {
      warnings.push(`stanza at line ${line} skipped: it has no Package field`);
      continue;
    }
    if (!NAME.test(name)) {
      warnings.push(`stanza at line ${line} skipped: '${name.slice(0, 60)}' is not a package name`);
      continue;
    }
    const status = fields.get('status');
    if (status !== undefined) {
      const state = status.split(/\s+/)[2];
      if (state === undefined) {
        warnings.push(`package ${name} (line ${line}) skipped: unreadable Status '${status.slice(0, 60)}'`);
        continue;
      }
      if (!PRESENT_STATES.has(state)) continue;
    }
    const version = fields.get('version') ?? '';
    if (version === '') warnings.push(`package ${name} (line ${line}) has no Version`);
    const [sourceName, sourceVersion] = parseSource(fields.get('source') ?? '');
    const declaredSource = sourceName
      ? { name: sourceName, ...(sourceVersion ? { version: sourceVersion } : {}) }
      : undefined;
    const size = Number.parseInt(fields.get('installed-size') ?? '', 10);
    records.push({
      name,
      version,
      ...(declaredSource ? { declaredSource } : {}),
      conffiles: parseConffiles(fields.get('conffiles') ?? ''),
      line,
      ...pick(fields, {
        arch: 'architecture',
        maintainer: 'maintainer',
        depends: 'depends',
        preDepends: 'pre-depends',
        provides: 'provides',
        status: 'status',
        multiArch: 'multi-arch',
        homepage: 'homepage',
        license: 'license',
      }),
      ...(Number.isFinite(size) ? { installedSize: size } : {}),
      ...(fields.get('description') ? { summary: fields.get('description')!.split('\n')[0]! } : {}),
    });
  }
  return { records, warnings };
}

/** `glibc (2.36-9)` → [glibc, 2.36-9]; `glibc` → [glibc, '']. */
export function parseSource(value: string): [string, string] {
  const m = /^(\S+)(?:\s+\(\s*([^)\s]+)\s*\))?/.exec(value.trim());
  return m ? [m[1]!, m[2] ?? ''] : ['', ''];
}

/** Conffiles lines: ` /etc/pam.conf 87fc76f18e98ee7d3848f6b81b3391e5 [obsolete]` → `etc/pam.conf`. */
function parseConffiles(value: string): string[] {
  const out: string[] = [];
  for (const line of value.split('\n')) {
    const m = /^\s*\/(\S.*?)\s+[0-9a-f]{32}|^\s*\/(\S.*?)\s+newconffile/.exec(line);
    const path = m?.[1] ?? m?.[2];
    if (path) out.push(path);
  }
  return out;
}

function pick<K extends string>(
  fields: ReadonlyMap<string, string>,
  keys: Record<K, string>,
): { [P in K]?: string } {
  const out: { [P in K]?: string } = {};
  for (const [k, field] of Object.entries(keys) as [K, string][]) {
    const v = fields.get(field);
    if (v) out[k] = v;
  }
  return out;
}
