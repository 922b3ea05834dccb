import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BulwarkError, ErrorCodes } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { LayerRef } from '../../../core/layer-ref.ts';
import type { OsInfo } from '../../../core/os-info.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import {
  goRpmdbDatabase,
  goRpmdbExpected,
  goRpmdbFileList,
} from '../../../test-support/rpm/go-rpmdb-fixtures.ts';
import { packNdb } from '../../../test-support/rpm/pack-ndb.ts';
import { rebuildAsSqlite } from '../../../test-support/rpm/rpm-test-tools.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { bdbHashValues } from './bdb-hash.ts';
import { rpmExtractor } from './rpm.ts';
import { toRpmPackage } from './rpm-package.ts';

const FILE: FileStat = { type: 'file', size: 1, mode: 0o644 };
const syft = (...parts: string[]) => new Uint8Array(readFileSync(syftFixture('redhat', ...parts)));

interface Options {
  readonly path?: string;
  readonly os?: OsInfo;
  readonly layer?: LayerRef;
  /** Other files of the tree, e.g. a `-wal` beside a sqlite database. */
  readonly siblings?: Record<string, Uint8Array>;
  readonly signal?: AbortSignal;
}

async function extract(bytes: Uint8Array, options: Options = {}): Promise<Inventory> {
  const path = options.path ?? 'var/lib/rpm/Packages';
  const fs = memFs({ ...options.siblings, [path]: bytes });
  const input = await extractInput(fs, path, {
    ...(options.os ? { os: options.os } : {}),
    ...(options.layer ? { stat: { layer: options.layer } } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return rpmExtractor.extract(input);
}

const centos = (versionId: string): OsInfo => ({ id: 'centos', versionId, source: 'etc/os-release' });

describe('rpmExtractor.fileRequired', () => {
  test("the database paths Syft's cataloger globs for", () => {
    const [globs] = syftCases('redhat', 'Test_DBCataloger_Globs');
    const paths = globs!.expected as string[];
    assert.ok(paths.length >= 9);
    for (const path of paths) {
      // The CBL-Mariner text manifest is another format (not a database); not read here.
      const want = !path.includes('rpmmanifest');
      assert.equal(rpmExtractor.fileRequired(path, FILE), want, path);
    }
  });

  test('other paths and non-files are not wanted', () => {
    for (const path of [
      'var/lib/rpm/Packages.bak',
      'var/lib/rpm/Name',
      'rpmdb.sqlite',
      'x/var/lib/rpm/Packages',
    ]) {
      assert.equal(rpmExtractor.fileRequired(path, FILE), false, path);
    }
    assert.equal(rpmExtractor.fileRequired('var/lib/rpm/Packages', { ...FILE, type: 'symlink' }), false);
    assert.equal(rpmExtractor.fileRequired('var/lib/rpm/rpmdb.sqlite', { ...FILE, type: 'dir' }), false);
  });

  test('rpm databases are allowed to be large', () => {
    assert.equal(rpmExtractor.maxFileSize, 512 * 1024 * 1024);
    assert.equal(rpmExtractor.name, 'os/rpm');
  });
});

describe("rpmExtractor on Syft's fixture", () => {
  test('the dive package of testdata/Packages (BerkeleyDB) as Syft expects it', async () => {
    const cases = syftCases('redhat', 'TestParseRpmDB');
    const withFiles = cases.find((c) => (c.case as { ignorePaths: boolean }).ignorePaths === false)!;
    const [want] = withFiles.expected as {
      Name: string;
      Version: string;
      PURL: string;
      Metadata: Record<string, unknown> & { Files: { Path: string }[] };
    }[];
    const bytes = syft('testdata', 'Packages');
    const { packages, warnings } = await extract(bytes);
    assert.equal(warnings, undefined);
    assert.equal(packages.length, 1);
    const [dive] = packages;
    assert.equal(dive!.name, want!.Name);
    assert.equal(dive!.version, want!.Version);
    assert.equal(dive!.purl, want!.PURL); // no OS known: no namespace, as Syft
    assert.deepEqual(dive!.licenses, ['MIT']);
    assert.equal(dive!.arch, want!.Metadata.Arch);
    assert.equal(dive!.metadata?.release, want!.Metadata.Release);
    assert.equal(dive!.metadata?.sourceRpm, want!.Metadata.SourceRpm);
    assert.equal(dive!.metadata?.size, want!.Metadata.Size);
    assert.equal(dive!.metadata?.epoch, undefined);
    assert.equal(dive!.metadata?.vendor, undefined); // Syft: ""
    assert.deepEqual(
      dive!.files,
      want!.Metadata.Files.map((f) => f.Path.slice(1)),
    );
    assert.deepEqual(dive!.source, { name: 'dive', version: '0.9.2-1' });
  });

  test("Syft's purl table", () => {
    for (const c of syftCases('redhat', 'Test_packageURL')) {
      const { distro, metadata } = c.case as {
        distro?: { ID: string; VersionID: string };
        metadata: {
          Name: string;
          Version: string;
          Release: string;
          Arch?: string;
          SourceRpm?: string;
          Epoch: unknown;
        };
      };
      const epoch = (metadata.Epoch as { args?: number[] } | null)?.args?.[0];
      const record = {
        name: metadata.Name,
        version: metadata.Version,
        release: metadata.Release,
        files: [],
        ...(epoch === undefined ? {} : { epoch }),
        ...(metadata.Arch ? { arch: metadata.Arch } : {}),
        ...(metadata.SourceRpm ? { sourceRpm: metadata.SourceRpm } : {}),
      };
      const os = distro
        ? { id: distro.ID, versionId: distro.VersionID, source: 'etc/os-release' }
        : undefined;
      assert.equal(
        toRpmPackage(record, { path: 'p', os }).purl,
        c.expected,
        String(c.case && (c.case as { name: string }).name),
      );
    }
  });

  test('empty and garbage database files are errors, as in Syft', async () => {
    const empty = syft('testdata', 'glob-paths', 'usr', 'lib', 'sysimage', 'rpm', 'Packages.db');
    await assert.rejects(
      extract(empty),
      /Cannot read rpm database var\/lib\/rpm\/Packages: the file is empty/,
    );
    const garbage = syft('testdata', 'glob-paths', 'var', 'lib', 'rpm', 'Packages');
    await assert.rejects(
      extract(garbage),
      (e: unknown) => e instanceof BulwarkError && e.code === ErrorCodes.PARSE && /neither/.test(e.message),
    );
  });
});

describe('rpmExtractor on real CentOS databases', () => {
  const centos8 = () => new Uint8Array(readFileSync(goRpmdbDatabase('centos8-modularitylabel')));

  test('nodejs of CentOS 8 as a core Package', async () => {
    const layer: LayerRef = { index: 3, diffId: 'sha256:abc' };
    const { packages } = await extract(centos8(), { os: centos('8'), layer });
    const nodejs = packages.find((p) => p.name === 'nodejs')!;
    const release = '3.module_el8.2.0+391+8da3adc6';
    assert.deepEqual(
      { ...nodejs, files: nodejs.files?.length },
      {
        id: `rpm:nodejs@1:10.21.0-${release}.x86_64`,
        name: 'nodejs',
        version: `1:10.21.0-${release}`,
        type: 'rpm',
        // packageurl-js leaves `+` as is in the version and encodes it in qualifier values.
        purl: `pkg:rpm/centos/nodejs@10.21.0-${release}?arch=x86_64&distro=centos-8&epoch=1&upstream=nodejs-10.21.0-${release.replaceAll('+', '%2B')}.src.rpm`,
        arch: 'x86_64',
        source: { name: 'nodejs', version: `1:10.21.0-${release}` },
        licenses: [normalizeLicense('MIT and ASL 2.0 and ISC and BSD')],
        maintainer: 'CentOS',
        locations: [{ path: 'var/lib/rpm/Packages', layer }],
        files: goRpmdbFileList('CentOS8NodejsInstalledFiles').length,
        foundBy: 'os/rpm',
        metadata: {
          epoch: 1,
          release,
          sourceRpm: `nodejs-10.21.0-${release}.src.rpm`,
          modularityLabel: 'nodejs:10:8020020200707141642:6a468ee4',
          vendor: 'CentOS',
          size: 31483781,
        },
      },
    );
  });

  test('every package, gpg-pubkey left out, ids unique', async () => {
    const { packages, warnings } = await extract(centos8(), { os: centos('8') });
    assert.equal(warnings, undefined);
    const expected = goRpmdbExpected('CentOS8Modularitylabel').filter((p) => p.name !== 'gpg-pubkey');
    assert.equal(packages.length, expected.length);
    assert.ok(!packages.some((p) => p.name === 'gpg-pubkey'));
    assert.equal(new Set(packages.map((p) => p.id)).size, packages.length);
    for (const p of packages) assert.equal(p.locations[0]?.layer, undefined);
  });

  test('the OS decides ecosystem and namespace', async () => {
    const bytes = new Uint8Array(readFileSync(goRpmdbDatabase('centos7-plain')));
    const bash = async (os: OsInfo | undefined) =>
      (await extract(bytes, os ? { os } : {})).packages.find((p) => p.name === 'bash')!;
    const rhel = await bash({ id: 'rhel', versionId: '9.2', source: 'etc/os-release' });
    assert.equal(rhel.ecosystem, 'Red Hat');
    assert.match(
      rhel.purl,
      /^pkg:rpm\/redhat\/bash@4\.2\.46-30\.el7\?arch=x86_64&distro=rhel-9\.2&upstream=/,
    );
    const alma = await bash({ id: 'almalinux', versionId: '9.3', source: 'etc/os-release' });
    assert.equal(alma.ecosystem, 'AlmaLinux:9');
    assert.match(alma.purl, /^pkg:rpm\/almalinux\/bash@/);
    const unknown = await bash(undefined);
    assert.equal(unknown.ecosystem, undefined);
    assert.match(
      unknown.purl,
      /^pkg:rpm\/bash@4\.2\.46-30\.el7\?arch=x86_64&upstream=bash-4\.2\.46-30\.el7\.src\.rpm$/,
    );
  });

  test('an ndb Packages.db reads like the BerkeleyDB it came from', async () => {
    const fromBdb = await extract(centos8(), { os: centos('8') });
    const ndb = packNdb([...bdbHashValues(centos8())].flatMap((b) => (b.ok ? [b.value] : [])));
    const fromNdb = await extract(ndb, { os: centos('8'), path: 'usr/lib/sysimage/rpm/Packages.db' });
    const strip = (list: typeof fromBdb.packages) =>
      list.map((p) => ({ ...p, locations: [] })).sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(strip(fromNdb.packages), strip(fromBdb.packages));
  });
});

describe('rpmExtractor on damaged input', () => {
  test('damaged records become warnings with the layer, capped in number', { timeout: 20_000 }, async () => {
    const bytes = new Uint8Array(readFileSync(goRpmdbDatabase('centos7-many')));
    let seed = 99;
    for (let i = 4096; i < bytes.length; i += 5003) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const { packages, warnings } = await extract(bytes, { layer: { index: 1 } });
    assert.ok(packages.length > 100 && packages.length < 395, `${packages.length} packages survive`);
    assert.equal(warnings?.length, 51);
    assert.match(warnings.at(-1)!.message, /^\d+ more problems not listed$/);
    assert.ok(
      warnings.every((w) => w.stage === 'os/rpm' && w.layer === 1 && w.path === 'var/lib/rpm/Packages'),
    );
  });

  test('a sqlite database with a non-empty -wal file says its changes are not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-rpm-'));
    try {
      const sqlite = new Uint8Array(readFileSync(rebuildAsSqlite(goRpmdbDatabase('centos7-plain'), dir)));
      const path = 'usr/lib/sysimage/rpm/rpmdb.sqlite';
      const { packages, warnings } = await extract(sqlite, {
        path,
        siblings: { [`${path}-wal`]: new Uint8Array(8192) },
      });
      assert.equal(packages.length, 144);
      assert.equal(warnings?.length, 1);
      assert.match(warnings[0]!.message, /rpmdb\.sqlite-wal holds 8192 bytes not yet merged/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an aborted scan stops with an aborted error', async () => {
    const controller = new AbortController();
    controller.abort();
    const bytes = new Uint8Array(readFileSync(goRpmdbDatabase('centos7-plain')));
    await assert.rejects(
      extract(bytes, { signal: controller.signal }),
      (e: unknown) => e instanceof BulwarkError && e.code === ErrorCodes.ABORTED,
    );
  });
});
