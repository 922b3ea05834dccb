import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { OsInfo } from '../../../core/os-info.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { dirFs } from '../../../test-support/dir-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { sharedData } from '../../../test-support/shared-data.ts';
import { RELEASE_PATHS } from './identify-os.ts';
import { releaseExtractor } from './release.ts';

const testdata = (dir: string) => fileURLToPath(new URL(`testdata/${dir}`, import.meta.url));
const file: FileStat = { type: 'file', size: 100, mode: 0o644 };

describe('releaseExtractor.fileRequired', () => {
  const table: [string, FileStat, boolean][] = [
    ['etc/os-release', file, true],
    ['usr/lib/os-release', file, true],
    ['etc/alpine-release', file, true],
    ['etc/debian_version', file, true],
    ['etc/redhat-release', file, true],
    ['etc/centos-release', file, true],
    ['etc/system-release', file, true],
    ['etc/system-release-cpe', file, true],
    ['etc/lsb-release', file, true],
    ['etc/os-release', { ...file, type: 'dir' }, false],
    ['/etc/os-release', file, false],
    ['some/image/etc/os-release', file, false],
    ['etc/os-release.bak', file, false],
    ['usr/lib/os-release.d/extra', file, false],
    ['etc/fedora-release', file, false],
  ];
  for (const [path, stat, want] of table) {
    it(`${path} (${stat.type}) → ${want}`, () =>
      assert.equal(releaseExtractor.fileRequired(path, stat), want));
  }
});

describe('releaseExtractor over real release files', () => {
  const cases: [string, Omit<OsInfo, 'source'> & { source: string }][] = [
    [
      'alpine-3.15',
      { id: 'alpine', versionId: '3.15.4', prettyName: 'Alpine Linux v3.15', source: 'etc/os-release' },
    ],
    [
      'rhel-9.4',
      {
        id: 'rhel',
        versionId: '9.4',
        prettyName: 'Red Hat Enterprise Linux 9.4 (Plow)',
        idLike: ['fedora'],
        source: 'etc/os-release',
      },
    ],
    // etc/os-release is a symlink: the regular file it points to claims the OS.
    [
      'centos-7',
      {
        id: 'centos',
        versionId: '7',
        prettyName: 'CentOS Linux 7 (Core)',
        idLike: ['rhel', 'fedora'],
        source: 'usr/lib/os-release',
      },
    ],
    [
      'opensuse-leap-15.2.1',
      {
        id: 'opensuse-leap',
        versionId: '15.2.1',
        prettyName: 'openSUSE Leap 15.2.1 Beta',
        idLike: ['suse', 'opensuse'],
        source: 'usr/lib/os-release',
      },
    ],
    [
      'sles-15.3',
      {
        id: 'sles',
        versionId: '15.3',
        prettyName: 'SUSE Linux Enterprise Server 15 SP3',
        idLike: ['suse'],
        source: 'etc/os-release',
      },
    ],
    // No VERSION_ID in a distroless os-release: debian_version supplies it (as Syft does).
    [
      'distroless-debian-10',
      {
        id: 'debian',
        versionId: '10.8',
        prettyName: 'Distroless',
        distroless: true,
        source: 'etc/os-release',
      },
    ],
    // No os-release at all: debian_version still says Debian.
    ['debian-13.5', { id: 'debian', versionId: '13.5', source: 'etc/debian_version' }],
    [
      'debian-sid',
      {
        id: 'debian',
        versionCodename: 'buster',
        prettyName: 'Debian GNU/Linux buster/sid',
        source: 'etc/debian_version',
      },
    ],
    [
      'rocky-8.10',
      {
        id: 'rocky',
        versionId: '8.10',
        prettyName: 'Rocky Linux release 8.10 (Green Obsidian)',
        source: 'etc/redhat-release',
      },
    ],
    // lsb-release outranks Ubuntu's debian_version (`bookworm/sid`).
    [
      'ubuntu-22.04-lsb',
      {
        id: 'ubuntu',
        versionId: '22.04',
        versionCodename: 'jammy',
        prettyName: 'Ubuntu 22.04.3 LTS',
        source: 'etc/lsb-release',
      },
    ],
  ];
  for (const [dir, want] of cases) {
    it(`${dir} → exactly one OS`, async () => {
      const run = await runExtractor(releaseExtractor, testdata(dir));
      assert.deepEqual(run.os, [want]);
      assert.deepEqual(run.packages, []);
      assert.deepEqual(run.warnings, []);
    });
  }

  it('os-release without ID: no OS, a warning naming the file', async () => {
    const run = await runExtractor(releaseExtractor, testdata('no-id'));
    assert.deepEqual(run.os, []);
    assert.deepEqual(run.warnings, [
      { path: 'etc/os-release', stage: 'os/release', message: 'etc/os-release names no OS; ignored' },
    ]);
  });

  it('os-release wins over the fallbacks, and only its call reports the OS', async () => {
    const run = await runExtractor(releaseExtractor, testdata('centos-7'));
    assert.deepEqual(
      run.calls.map((c) => [c.path, c.inventory.os?.id]),
      [
        ['etc/centos-release', undefined],
        ['usr/lib/os-release', 'centos'],
      ],
    );
  });

  it("this machine's root (a real Debian 12) → debian from usr/lib/os-release", async () => {
    const fs = dirFs('/');
    const found: OsInfo[] = [];
    for (const path of RELEASE_PATHS) {
      if (fs.stat(path)?.type !== 'file' || fs.resolve(path) !== path) continue; // the walk offers regular files only
      const inv = await releaseExtractor.extract(await extractInput(fs, path));
      if (inv.os) found.push(inv.os);
    }
    const vars = Object.fromEntries(
      readFileSync('/etc/os-release', 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]),
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.id, vars.ID);
    assert.equal(found[0]!.versionId, vars.VERSION_ID);
    assert.equal(found[0]!.source, fs.resolve('etc/os-release'));
    assert.equal(found[0]!.distroless, undefined);
  });
});

describe('releaseExtractor: distroless and bad input', () => {
  const debianOsRelease = readFileSync(
    sharedData('fixtures/syft/syft/pkg/cataloger/debian/testdata/image-dpkg/etc/os-release'),
    'utf8',
  );
  const sqliteStanza = readFileSync(
    sharedData(
      'fixtures/syft/syft/pkg/cataloger/debian/testdata/image-distroless-deb/var/lib/dpkg/status.d/libsqlite3-0',
    ),
  );

  it('dpkg status.d without a shell → distroless', async () => {
    const fs = memFs({
      'etc/os-release': debianOsRelease,
      'var/lib/dpkg/status.d/libsqlite3-0': sqliteStanza,
    });
    const inv = await releaseExtractor.extract(await extractInput(fs, 'etc/os-release'));
    assert.equal(inv.os?.distroless, true);
    assert.equal(inv.os?.versionId, '12');
  });

  it('dpkg status.d with a shell → not distroless', async () => {
    const fs = memFs({
      'etc/os-release': debianOsRelease,
      'var/lib/dpkg/status.d/libsqlite3-0': sqliteStanza,
      'usr/bin/sh': { link: 'dash' },
      'usr/bin/dash': 'ELF…',
    });
    const inv = await releaseExtractor.extract(await extractInput(fs, 'etc/os-release'));
    assert.equal(inv.os?.distroless, undefined);
  });

  it('binary junk, empty and oversized release files → warnings, the next file wins', async () => {
    const junk = readFileSync(process.execPath).subarray(0, 4096);
    const fs = memFs({
      'etc/os-release': junk,
      'usr/lib/os-release': '',
      'etc/debian_version': readFileSync('/etc/debian_version'),
    });
    const byPath = new Map<string, Awaited<ReturnType<typeof releaseExtractor.extract>>>();
    for (const path of ['etc/os-release', 'usr/lib/os-release', 'etc/debian_version']) {
      byPath.set(
        path,
        await releaseExtractor.extract(await extractInput(fs, path, { stat: { layer: { index: 2 } } })),
      );
    }
    assert.deepEqual(byPath.get('etc/os-release')?.warnings, [
      {
        path: 'etc/os-release',
        stage: 'os/release',
        message: 'etc/os-release is not a text file; ignored',
        layer: 2,
      },
    ]);
    assert.deepEqual(
      byPath.get('usr/lib/os-release')?.warnings?.[0]?.message,
      'usr/lib/os-release is empty; ignored',
    );
    assert.equal(byPath.get('etc/debian_version')?.os?.id, 'debian');
    assert.equal([...byPath.values()].filter((i) => i.os).length, 1);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const fs = memFs({ 'etc/os-release': debianOsRelease });
    await assert.rejects(
      releaseExtractor.extract(await extractInput(fs, 'etc/os-release', { signal: ac.signal })),
      {
        code: 'E_ABORTED',
      },
    );
  });
});
