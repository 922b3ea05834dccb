import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/*
 * Test support: real rpm databases made by real tools (Debian's rpm and Berkeley DB 5.3
 * utilities) in a temporary directory. A missing tool fails with the Debian package to install.
 */

/** Runs a tool, failing clearly when it is not installed. */
export function run(tool: string, debianPackage: string, args: readonly string[], input?: string): string {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`tests need ${tool}: apt-get install ${debianPackage}`);
  return execFileSync(tool, args, {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    ...(input === undefined ? {} : { input }),
  });
}

// Debian's rpm warns on stderr that it is not Debian's package manager; harmless here.
const rpm = (args: readonly string[]) => run('rpm', 'rpm', args);

/** Options selecting a database directory and backend (sqlite, or bdb_ro to read BerkeleyDB). */
function rpmDb(dbpath: string, backend: string): string[] {
  return ['--dbpath', dbpath, '--define', `_db_backend ${backend}`];
}

interface SpecOptions {
  readonly name: string;
  readonly header: string;
  readonly files: Record<string, string>;
  readonly defines?: Record<string, string>;
}

/** Builds a tiny noarch package with rpmbuild; returns the .rpm path. */
export function buildRpm(dir: string, spec: SpecOptions): string {
  const top = join(dir, 'rpmbuild');
  mkdirSync(join(top, 'SPECS'), { recursive: true });
  const install = Object.entries(spec.files)
    .map(([path, text]) => `mkdir -p %{buildroot}${dirname(path)}\necho '${text}' > %{buildroot}${path}`)
    .join('\n');
  const specPath = join(top, 'SPECS', `${spec.name}.spec`);
  writeFileSync(
    specPath,
    `Name: ${spec.name}\n${spec.header}\nSummary: Bulwark test package\nBuildArch: noarch\n` +
      `%description\nA package built by Bulwark's tests.\n%install\n${install}\n` +
      `%files\n${Object.keys(spec.files).join('\n')}\n`,
  );
  const defines = Object.entries({ _topdir: top, ...spec.defines }).flatMap(([k, v]) => [
    '--define',
    `${k} ${v}`,
  ]);
  run('rpmbuild', 'rpm', [...defines, '--quiet', '-bb', specPath]);
  const rpms = join(top, 'RPMS', 'noarch');
  const built = readdirSync(rpms).find((f) => f.startsWith(`${spec.name}-`));
  if (!built) throw new Error(`rpmbuild made no package for ${spec.name}`);
  return join(rpms, built);
}

/** A new sqlite rpmdb in `dbpath` holding `rpms` (database only, no files unpacked). */
export function installIntoSqliteDb(dbpath: string, rpms: readonly string[]): string {
  mkdirSync(dbpath, { recursive: true });
  rpm([...rpmDb(dbpath, 'sqlite'), '--initdb']);
  rpm([...rpmDb(dbpath, 'sqlite'), '-i', '--nodeps', '--justdb', '--noscripts', ...rpms]);
  return join(dbpath, 'rpmdb.sqlite');
}

/** Converts a BerkeleyDB Packages file into a sqlite rpmdb with rpm's own `--rebuilddb`. */
export function rebuildAsSqlite(bdbPackages: string, dbpath: string): string {
  mkdirSync(dbpath, { recursive: true });
  copyFileSync(bdbPackages, join(dbpath, 'Packages'));
  run('rpmdb', 'rpm', [...rpmDb(dbpath, 'sqlite'), '--rebuilddb']);
  return join(dbpath, 'rpmdb.sqlite');
}

/** `rpm -qa --qf` over a database; `backend` is sqlite or bdb_ro. */
export function rpmQueryAll(dbpath: string, backend: string, queryFormat: string): string {
  return rpm([...rpmDb(dbpath, backend), '-qa', '--qf', queryFormat]);
}

/**
 * Rewrites a BerkeleyDB database with Berkeley DB's own db_dump/db_load, choosing byte order
 * (1234 little-endian, 4321 big-endian), page size and page checksums.
 */
export function reloadBdb(
  source: string,
  target: string,
  options: { byteOrder: 1234 | 4321; pageSize: number; checksum?: boolean },
): string {
  const dump = run('db5.3_dump', 'db5.3-util', [source]);
  const settings = [`db_lorder=${options.byteOrder}`, `db_pagesize=${options.pageSize}`];
  if (options.checksum) settings.push('chksum=1');
  run('db5.3_load', 'db5.3-util', [...settings.flatMap((s) => ['-c', s]), target], dump);
  return target;
}
