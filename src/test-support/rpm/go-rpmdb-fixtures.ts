import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../core/result.ts';
import { parseHeaderBlob } from '../../extract/os/rpm/header-blob.ts';
import { type RpmPackageRecord, readRpmPackage } from '../../extract/os/rpm/read-rpm-package.ts';

/*
 * Test support: the real CentOS 5–8 BerkeleyDB rpm databases that Debian ships in
 * golang-github-knqyf263-go-rpmdb-dev, and the packages that project's Go tests expect in them
 * (recorded with `rpm -qa --queryformat` inside the CentOS containers).
 */

export const GO_RPMDB_PKG = '/usr/share/gocode/src/github.com/knqyf263/go-rpmdb/pkg';

/** The go-rpmdb fields we compare (`PackageInfo` minus the file-list arrays). */
export interface GoRpmdbPackage {
  readonly epoch: number;
  readonly name: string;
  readonly version: string;
  readonly release: string;
  readonly arch: string;
  readonly sourceRpm: string;
  readonly size: number;
  readonly license: string;
  readonly vendor: string;
  readonly modularityLabel: string;
}

/** Path of a go-rpmdb test database, e.g. `centos7-plain`; throws naming the Debian package when absent. */
export function goRpmdbDatabase(name: string): string {
  const path = join(GO_RPMDB_PKG, 'testdata', name, 'Packages');
  if (!existsSync(path)) {
    throw new Error(
      `tests need the real CentOS rpm databases (${path} is missing): apt-get install golang-github-knqyf263-go-rpmdb-dev`,
    );
  }
  return path;
}

let testcaseSource: string | undefined;
function testcase(): string {
  const path = join(GO_RPMDB_PKG, 'rpmdb_testcase.go');
  if (!existsSync(path)) {
    throw new Error(`tests need ${path}: apt-get install golang-github-knqyf263-go-rpmdb-dev`);
  }
  testcaseSource ??= readFileSync(path, 'utf8');
  return testcaseSource;
}

/** The body of `\t<name> = []<type>{ … \n\t}` in rpmdb_testcase.go. */
function goVarBody(name: string, type: string): string {
  const src = testcase();
  const start = src.indexOf(`\t${name} = []${type}{\n`);
  if (start < 0) throw new Error(`rpmdb_testcase.go has no ${name}`);
  const end = src.indexOf('\n\t}', start);
  return src.slice(start, end);
}

/** Go string and int literals of one line, in order (the files use only `\"`-free literals). */
function goLiterals(line: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|(-?\d+)/g)) {
    out.push(m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : Number(m[2]));
  }
  return out;
}

/** Expected packages of a go-rpmdb list variable such as `CentOS7Plain`. */
export function goRpmdbExpected(variable: string): GoRpmdbPackage[] {
  const lines = goVarBody(variable, '*PackageInfo').split('\n').slice(1);
  return lines
    .filter((l) => l.trim().startsWith('{'))
    .map((line) => {
      const [epoch, name, version, release, arch, sourceRpm, size, license, vendor, modularityLabel] =
        goLiterals(line.replace(/, nil, nil, nil\},?\s*$/, ''));
      return {
        epoch: epoch as number,
        name: name as string,
        version: version as string,
        release: release as string,
        arch: arch as string,
        sourceRpm: sourceRpm as string,
        size: size as number,
        license: license as string,
        vendor: vendor as string,
        modularityLabel: modularityLabel as string,
      };
    });
}

/** Expected `rpm -ql` output of a go-rpmdb string list such as `CentOS5PythonInstalledFiles`. */
export function goRpmdbFileList(variable: string): string[] {
  return goVarBody(variable, 'string')
    .split('\n')
    .slice(1)
    .flatMap((line) => goLiterals(line) as string[]);
}

/** A record in go-rpmdb's shape: absent fields as go-rpmdb reports them (0 or ''). */
export function asGoRpmdb(r: RpmPackageRecord): GoRpmdbPackage {
  return {
    epoch: r.epoch ?? 0,
    name: r.name,
    version: r.version,
    release: r.release ?? '',
    arch: r.arch ?? '',
    sourceRpm: r.sourceRpm ?? '',
    size: r.size ?? 0,
    license: r.license ?? '',
    vendor: r.vendor ?? '',
    modularityLabel: r.modularityLabel ?? '',
  };
}

/** Sorts packages by name, version, release, arch so lists compare regardless of database order. */
export function sortPackages<T extends { name: string; version: string; release?: string; arch?: string }>(
  list: readonly T[],
): T[] {
  const key = (p: T) => `${p.name}\0${p.version}\0${p.release ?? ''}\0${p.arch ?? ''}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Every record of a database walk, with the problems met on the way. */
export function readAllRecords(blobs: Iterable<Result<Uint8Array>>): {
  records: RpmPackageRecord[];
  problems: string[];
} {
  const records: RpmPackageRecord[] = [];
  const problems: string[] = [];
  for (const blob of blobs) {
    const header = blob.ok ? parseHeaderBlob(blob.value) : blob;
    const record = header.ok ? readRpmPackage(header.value) : header;
    if (record.ok) records.push(record.value);
    else problems.push(record.error);
  }
  return { records, problems };
}
