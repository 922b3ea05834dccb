import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanTarget } from '../../src/cli/scan-target.ts';
import type { ScanResult } from '../../src/core/scan-result.ts';
import { GO_RPMDB_PKG } from '../../src/test-support/rpm/go-rpmdb-fixtures.ts';
import { rebuildAsSqlite } from '../../src/test-support/rpm/rpm-test-tools.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';
import { type BuiltImage, exportAs, imageFromRootfs } from '../support/image-builder.ts';
import { type StartedRegistry, startRegistry } from '../support/registry/start-registry.ts';
import { runTool } from '../support/run-tool.ts';

/** name version arch, sorted: what every source must agree on. */
function rows(result: ScanResult, type: string): string[] {
  return result.packages
    .filter((p) => p.type === type)
    .map((p) => `${p.name} ${p.version} ${p.arch ?? ''}`.trim())
    .sort();
}

/**
 * One root filesystem holding three real package databases (this machine's dpkg status, Syft's
 * apk fixture, a real CentOS 7 BerkeleyDB rpmdb), scanned as a directory and as an image through
 * every source: OCI layout (gzip and zstd), oci-archive, docker-archive and a real registry. Each
 * result is checked against an independent oracle: dpkg-query, rpm itself, and the apk db's own
 * P:/V:/A: lines.
 */
describe('bulwark sbom: every artifact source gives the same, correct packages', () => {
  let work: string;
  let rootfs: string;
  let img: BuiltImage;
  let registry: StartedRegistry;
  const expected: Record<string, string[]> = {};
  let directory: ScanResult;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-e2e-'));
    rootfs = join(work, 'rootfs');
    await mkdir(join(rootfs, 'var/lib/dpkg'), { recursive: true });
    await mkdir(join(rootfs, 'lib/apk/db'), { recursive: true });
    await mkdir(join(rootfs, 'var/lib/rpm'), { recursive: true });
    await mkdir(join(rootfs, 'etc'), { recursive: true });
    await copyFile('/var/lib/dpkg/status', join(rootfs, 'var/lib/dpkg/status'));
    await copyFile('/usr/lib/os-release', join(rootfs, 'etc/os-release'));
    const apkDb = sharedData(
      'fixtures/syft/syft/pkg/cataloger/alpine/testdata/multiple-2/lib/apk/db/installed',
    );
    await copyFile(apkDb, join(rootfs, 'lib/apk/db/installed'));
    await copyFile(
      join(GO_RPMDB_PKG, 'testdata/centos7-plain/Packages'),
      join(rootfs, 'var/lib/rpm/Packages'),
    );
    // The other two rpmdb formats at the other paths rpm uses: a sqlite db made by rpm itself from
    // CentOS 8's database, and a real ndb db (made with rpm --enable-ndb, see its README).
    await mkdir(join(rootfs, 'usr/share/rpm'), { recursive: true });
    await mkdir(join(rootfs, 'usr/lib/sysimage/rpm'), { recursive: true });
    const sqliteDir = join(work, 'sqlite-db');
    await copyFile(
      rebuildAsSqlite(join(GO_RPMDB_PKG, 'testdata/centos8-modularitylabel/Packages'), sqliteDir),
      join(rootfs, 'usr/share/rpm/rpmdb.sqlite'),
    );
    const ndbDir = fileURLToPath(new URL('../../src/extract/os/rpm/testdata/ndb/tiny/', import.meta.url));
    await copyFile(join(ndbDir, 'Packages.db'), join(rootfs, 'usr/lib/sysimage/rpm/Packages.db'));

    expected.deb = execFileSync(
      'dpkg-query',
      // dpkg-query's own field syntax, not a JS template.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format string
      ['--admindir', join(rootfs, 'var/lib/dpkg'), '-W', '-f', '${Package} ${Version} ${Architecture}\n'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .sort();
    const rpmQa = async (backend: string, dbpath: string) =>
      (
        await runTool('rpm', [
          '--define',
          `_db_backend ${backend}`,
          '--dbpath',
          dbpath,
          '-qa',
          '--qf',
          '%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE} %{ARCH}\\n',
        ])
      )
        .trim()
        .split('\n');
    const ndbRows = (await readFile(join(ndbDir, 'expected.tsv'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => {
        const [name, epoch, version, release, arch] = l.split('\t');
        return `${name} ${epoch === '(none)' ? '' : `${epoch}:`}${version}-${release} ${arch}`;
      });
    expected.rpm = [
      ...(await rpmQa('bdb_ro', join(rootfs, 'var/lib/rpm'))),
      ...(await rpmQa('sqlite', sqliteDir)),
      ...ndbRows,
    ]
      .filter((l) => !l.startsWith('gpg-pubkey'))
      // An explicit epoch 0 is written as no epoch (as Trivy does; see rpm-package.ts).
      .map((l) => l.replace(' 0:', ' '))
      .sort();
    expected.apk = (await readFile(apkDb, 'utf8'))
      .split('\n\n')
      .map((stanza) => {
        const field = (k: string) =>
          stanza
            .split('\n')
            .find((l) => l.startsWith(`${k}:`))
            ?.slice(2) ?? '';
        return `${field('P')} ${field('V')} ${field('A')}`.trim();
      })
      .filter((r) => r !== '')
      .sort();

    directory = await scanTarget(
      rootfs,
      'rootfs',
      { platform: 'linux/amd64', quiet: true },
      AbortSignal.timeout(120_000),
    );
    img = await imageFromRootfs(rootfs, { tag: 'e2e' });
    registry = await startRegistry({ workDir: join(work, 'registry') });
    await runTool('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${img.layout}:e2e`,
      `docker://${registry.host}/e2e/all:1`,
    ]);
  });
  after(async () => {
    await registry?.stop();
    await img?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the directory scan equals the oracles', () => {
    assert.ok(expected.deb!.length > 100 && expected.rpm!.length > 100 && expected.apk!.length > 10);
    assert.deepEqual(rows(directory, 'deb'), expected.deb);
    assert.deepEqual(rows(directory, 'rpm'), expected.rpm);
    assert.deepEqual(rows(directory, 'apk'), expected.apk);
    assert.equal(directory.os?.id, 'debian');
    assert.deepEqual(directory.errors, []);
  });

  const sources: [string, () => Promise<string>][] = [
    ['OCI layout, gzip', async () => `${img.layout}:e2e`],
    ['OCI layout, zstd', async () => `${await exportAs(img, 'oci', 'zstd', { compress: 'zstd' })}:e2e`],
    ['oci-archive', async () => exportAs(img, 'oci-archive', 'image.oci.tar')],
    ['docker-archive', async () => exportAs(img, 'docker-archive', 'image.docker.tar')],
    ['registry on loopback', async () => `${registry.host}/e2e/all:1`],
  ];
  for (const [name, target] of sources) {
    it(`${name} gives the same packages, with layer and digest`, async () => {
      const result = await scanTarget(
        await target(),
        'image',
        { platform: 'linux/amd64', quiet: true, insecure: true },
        AbortSignal.timeout(120_000),
      );
      for (const type of ['deb', 'rpm', 'apk'])
        assert.deepEqual(rows(result, type), rows(directory, type), type);
      assert.deepEqual(
        result.packages.map((p) => p.purl).sort(),
        directory.packages.map((p) => p.purl).sort(),
      );
      assert.deepEqual(result.errors, []);
      assert.ok(result.image?.configDigest.startsWith('sha256:'));
      const diffId = result.image?.layers[0]?.diffId;
      assert.ok(diffId);
      for (const p of result.packages) assert.equal(p.locations[0]?.layer?.diffId, diffId, p.id);
    });
  }
});
