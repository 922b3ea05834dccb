import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { OsInfo } from '../../../core/os-info.ts';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { dirFs } from '../../../test-support/dir-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { dpkgExtractor } from './dpkg.ts';

const file: FileStat = { type: 'file', size: 1000, mode: 0o644 };
const debian12: OsInfo = { id: 'debian', versionId: '12', source: 'etc/os-release' };
const names = (ids: readonly string[] | undefined, pkgs: Package[]) =>
  (ids ?? []).map((id) => pkgs.find((p) => p.id === id)?.name ?? `?${id}`).sort();

describe('dpkgExtractor.fileRequired / fileNeeded', () => {
  const required: [string, boolean][] = [
    ['var/lib/dpkg/status', true],
    ['usr/lib/dpkg/status', true],
    ['var/lib/dpkg/status.d/libc6', true],
    ['var/lib/dpkg/status.d/pkg-1.0', true],
    ['var/lib/dpkg/status.d/libsqlite3-0.md5sums', false],
    ['var/lib/dpkg/status.d/libsqlite3-0.preinst', false],
    ['var/lib/dpkg/status.d/sub/x', false],
    ['var/lib/dpkg/status-old', false],
    ['var/lib/dpkg/available', false],
    ['var/lib/dpkg/info/libc6:amd64.list', false],
    ['opt/root/var/lib/dpkg/status', false],
    ['usr/lib/opkg/status', false],
  ];
  for (const [path, want] of required) {
    it(`fileRequired ${path} → ${want}`, () => assert.equal(dpkgExtractor.fileRequired(path, file), want));
  }
  it('fileRequired refuses folders', () =>
    assert.equal(dpkgExtractor.fileRequired('var/lib/dpkg/status', { ...file, type: 'dir' }), false));

  const needed: [string, boolean][] = [
    ['var/lib/dpkg/info/libc6:amd64.list', true],
    ['var/lib/dpkg/info/libpam-runtime.md5sums', true],
    ['usr/lib/dpkg/info/libpam-runtime.md5sums', true],
    ['var/lib/dpkg/status.d/libsqlite3-0.md5sums', true],
    ['usr/share/doc/libpam-runtime/copyright', true],
    ['var/lib/dpkg/info/libpam-runtime.preinst', false],
    ['var/lib/dpkg/info/libpam-runtime.conffiles', false], // the Conffiles field says the same
    ['usr/share/doc/libpam-runtime/changelog.gz', false],
    ['usr/share/doc/a/b/copyright', false],
  ];
  for (const [path, want] of needed) {
    it(`fileNeeded ${path} → ${want}`, () => assert.equal(dpkgExtractor.fileNeeded?.(path), want));
  }

  it('Syft TestCataloger_Globs: every dpkg file Syft reads is required or needed (opkg and info/*.conffiles aside)', () => {
    const [c] = syftCases('debian', 'TestCataloger_Globs');
    for (const path of c!.expected as string[]) {
      if (path.includes('opkg') || path.endsWith('.conffiles')) continue;
      assert.ok(dpkgExtractor.fileRequired(path, file) || dpkgExtractor.fileNeeded?.(path), path);
    }
  });
});

describe('dpkgExtractor against Syft TestDpkgCataloger', () => {
  interface SyftPkg {
    Name: string;
    Version: string;
    PURL?: string;
    Metadata: { Source: string; Architecture: string; Maintainer: string; Files: { Path: string }[] };
    Licenses: { args: { args: unknown[] }[] };
  }
  const cases = new Map(syftCases('debian', 'TestDpkgCataloger').map((c) => [c.case.name as string, c]));
  const syftLicenses = (p: SyftPkg) => p.Licenses.args.map((a) => a.args[1] as string);

  it('image-dpkg: libpam-runtime', async () => {
    const run = await runExtractor(dpkgExtractor, syftFixture('debian', 'testdata/image-dpkg'), debian12);
    const [want] = cases.get('image-dpkg')!.expected as SyftPkg[];
    assert.equal(run.packages.length, 1);
    const got = run.packages[0]!;
    assert.equal(got.name, want!.Name);
    assert.equal(got.version, want!.Version);
    assert.equal(got.arch, want!.Metadata.Architecture);
    assert.deepEqual(got.source, { name: want!.Metadata.Source, version: '1.1.8-3.6' });
    assert.equal(got.maintainer, want!.Metadata.Maintainer);
    // Syft's os comes from the same image's os-release (Debian 12): same purl.
    assert.equal(got.purl, want!.PURL);
    // Syft's md5sums + conffiles (this fixture's md5sums really lists zlib1g's files).
    assert.deepEqual(got.files, want!.Metadata.Files.map((f) => f.Path.slice(1)).sort());
    // Syft: GPL-1 (from a common-licenses mention in the prose), GPL-2, LGPL-2.1; we read License: fields.
    assert.deepEqual(syftLicenses(want!), ['GPL-1', 'GPL-2', 'LGPL-2.1']);
    assert.deepEqual(got.licenses, ['GPL-2.0-only', 'LGPL-2.1']);
    assert.equal(got.id, 'deb:libpam-runtime@1.1.8-3.6:all');
    assert.equal(got.ecosystem, 'Debian:12');
    assert.equal(got.type, 'deb');
    assert.equal(got.foundBy, 'os/dpkg');
    assert.deepEqual(got.locations, [{ path: 'var/lib/dpkg/status' }]);
    // Depends on debconf, cdebconf, libpam-modules: none installed in this one-package db.
    assert.deepEqual(got.dependsOn, []);
    // The fixture starts with an empty `Package:` stanza, which Syft drops silently.
    assert.deepEqual(
      run.warnings.map((w) => w.message),
      ['stanza at line 1 skipped: it has no Package field'],
    );
  });

  it('image-distroless-deb: libsqlite3-0 from status.d, files from the md5sums beside it', async () => {
    const run = await runExtractor(dpkgExtractor, syftFixture('debian', 'testdata/image-distroless-deb'));
    const [want] = cases.get('image-distroless-deb')!.expected as SyftPkg[];
    assert.equal(run.packages.length, 1);
    const got = run.packages[0]!;
    assert.equal(got.name, want!.Name);
    assert.equal(got.version, want!.Version);
    assert.equal(got.arch, 'arm64');
    assert.deepEqual(got.source, { name: 'sqlite3', version: '3.34.1-3' });
    assert.deepEqual(got.files, want!.Metadata.Files.map((f) => f.Path.slice(1)).sort());
    // Syft: public-domain, GPL-2+, GPL-2 (the last from prose); normalised to SPDX where one exists.
    assert.deepEqual(got.licenses, ['GPL-2.0-or-later', 'public-domain']);
    // No OS known: Syft writes no purl; we fall back to the debian namespace without distro.
    assert.equal(want!.PURL, undefined);
    assert.equal(got.purl, 'pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64&upstream=sqlite3');
    assert.equal(got.ecosystem, undefined);
    assert.deepEqual(got.locations, [{ path: 'var/lib/dpkg/status.d/libsqlite3-0' }]);
  });
});

describe('dpkgExtractor relationships against Syft Test_CatalogerRelationships', () => {
  for (const c of syftCases('debian', 'Test_CatalogerRelationships')) {
    it(c.case.name as string, async () => {
      // Only the fixture file in status.d, as Syft's test resolves only that file.
      const entry = (c.case.fixture as string).replace(/^testdata\//, '');
      const fs = memFs({ [entry]: readFileSync(syftFixture('debian', c.case.fixture as string)) });
      const { packages } = await dpkgExtractor.extract(await extractInput(fs, entry));
      const got: Record<string, string[]> = {};
      for (const p of packages)
        if (p.dependsOn && p.dependsOn.length > 0) got[p.name] = names(p.dependsOn, packages);
      const want = c.wantRelationships as Record<string, string[]>;
      assert.deepEqual(got, Object.fromEntries(Object.entries(want).map(([k, v]) => [k, [...v].sort()])));
    });
  }

  it('status.d: dependencies resolve across the sibling files', async () => {
    const fs = memFs({
      'var/lib/dpkg/status.d/libsqlite3-0': readFileSync(
        syftFixture('debian', 'testdata/image-distroless-deb/var/lib/dpkg/status.d/libsqlite3-0'),
      ),
      // A real libc6 stanza (this machine's), in its own file as distroless writes them.
      'var/lib/dpkg/status.d/libc6': execFileSync('dpkg', ['-s', 'libc6:amd64'])
        .toString()
        .replace('amd64', 'arm64'),
    });
    const { packages } = await dpkgExtractor.extract(
      await extractInput(fs, 'var/lib/dpkg/status.d/libsqlite3-0'),
    );
    assert.equal(packages.length, 1);
    assert.match(packages[0]!.dependsOn![0]!, /^deb:libc6@.*:arm64$/);
  });

  it('multi-arch: an unqualified dependency picks the same architecture', async () => {
    const libc = execFileSync('dpkg', ['-s', 'libc6:amd64']).toString();
    const status = [
      libc,
      libc.replace(/^Architecture: amd64$/m, 'Architecture: i386'),
      execFileSync('dpkg', ['-s', 'libgcc-s1:amd64']).toString(),
    ].join('\n');
    const fs = memFs({ 'var/lib/dpkg/status': status });
    const { packages } = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status'));
    const gcc = packages.find((p) => p.name === 'libgcc-s1')!;
    assert.deepEqual(
      gcc.dependsOn?.filter((id) => id.startsWith('deb:libc6@')).map((id) => id.split(':').at(-1)),
      ['amd64'],
    );
  });
});

describe("dpkgExtractor on this machine's /var/lib/dpkg/status (a real Debian 12)", () => {
  it('same packages and versions as dpkg-query', async () => {
    const fs = dirFs('/');
    const inv = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status', { os: debian12 }));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
    const format = '${Package}\t${Version}\t${Architecture}\t${db:Status-Status}\n';
    const query = execFileSync('dpkg-query', ['-W', '-f', format], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const present = query.filter(([, , , state]) => state !== 'not-installed' && state !== 'config-files');
    assert.equal(inv.packages.length, present.length);
    assert.equal(
      inv.packages.length,
      execFileSync('dpkg-query', ['-W'], { encoding: 'utf8' }).trim().split('\n').length,
    );
    assert.deepEqual(
      inv.packages.map((p) => `${p.name}\t${p.version}\t${p.arch}`).sort(),
      present.map(([n, v, a]) => `${n}\t${v}\t${a}`).sort(),
    );
    assert.deepEqual(inv.warnings, undefined);
    const ids = new Set(inv.packages.map((p) => p.id));
    assert.equal(ids.size, inv.packages.length);
    for (const p of inv.packages) for (const d of p.dependsOn ?? []) assert.ok(ids.has(d), `${p.id} → ${d}`);
    const libc = inv.packages.find((p) => p.name === 'libc6')!;
    assert.equal(libc.source?.name, 'glibc');
    assert.match(libc.purl, /^pkg:deb\/debian\/libc6@[^?]+\?arch=amd64&distro=debian-12&upstream=glibc$/);
    assert.ok(
      libc.files?.includes('usr/lib/x86_64-linux-gnu/libc.so.6') ||
        libc.files?.includes('lib/x86_64-linux-gnu/libc.so.6'),
    );
    const dpkg = inv.packages.find((p) => p.name === 'dpkg')!;
    assert.ok(dpkg.files?.includes('usr/bin/dpkg'));
    assert.ok(dpkg.licenses.includes('GPL-2.0-or-later'), dpkg.licenses.join(' '));
  });
});

describe('dpkgExtractor: bad input', () => {
  const single = readFileSync(syftFixture('debian', 'testdata/var/lib/dpkg/status.d/single'), 'utf8');
  const corrupt = readFileSync(syftFixture('debian', 'testdata/var/lib/dpkg/status.d/corrupt'), 'utf8');
  const multiple = readFileSync(syftFixture('debian', 'testdata/var/lib/dpkg/status.d/multiple'), 'utf8');

  it('a garbage stanza in the middle: a warning, the rest parsed', async () => {
    const fs = memFs({ 'var/lib/dpkg/status': `${single}\n${corrupt}\n\n${multiple}` });
    const inv = await dpkgExtractor.extract(
      await extractInput(fs, 'var/lib/dpkg/status', { stat: { layer: { index: 3 } } }),
    );
    assert.deepEqual(
      inv.packages.map((p) => p.name),
      ['apt', 'no-version', 'tzdata', 'util-linux'],
    );
    assert.deepEqual(inv.packages[0]!.locations, [{ path: 'var/lib/dpkg/status', layer: { index: 3 } }]);
    assert.equal(inv.warnings?.length, 3);
    assert.match(inv.warnings![0]!.message, /^stanza at line \d+ skipped: line \d+: expected 'Field: value'/);
    assert.deepEqual(
      { ...inv.warnings![0]!, message: '' },
      { path: 'var/lib/dpkg/status', stage: 'os/dpkg', layer: 3, message: '' },
    );
  });

  it('binary junk, empty files, the empty status.d fixture → warnings, no crash', async () => {
    const fs = memFs({
      'var/lib/dpkg/status': readFileSync(process.execPath).subarray(0, 65536),
      'var/lib/dpkg/status.d/empty': readFileSync(
        syftFixture('debian', 'testdata/var/lib/dpkg/status.d/empty'),
      ),
      'var/lib/dpkg/status.d/zero': '',
    });
    const status = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status'));
    assert.deepEqual(status.packages, []);
    assert.deepEqual(
      status.warnings?.map((w) => w.message),
      ['not a dpkg database: the file is binary'],
    );
    const empty = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status.d/empty'));
    assert.deepEqual(
      empty.warnings?.map((w) => w.message),
      ['stanza at line 1 skipped: it has no Package field'],
    );
    const zero = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status.d/zero'));
    assert.deepEqual(
      zero.warnings?.map((w) => w.message),
      ['file is empty: no packages'],
    );
  });

  it('the same package twice: the first entry is kept, a warning', async () => {
    const fs = memFs({ 'var/lib/dpkg/status': `${single}\n${single}` });
    const inv = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status'));
    assert.equal(inv.packages.length, 1);
    assert.equal(inv.warnings?.length, 1);
    assert.match(
      inv.warnings![0]!.message,
      /^package apt 1\.8\.2 \(line \d+\) is listed twice; the first entry is kept$/,
    );
  });

  it('random text is all warnings, capped', async () => {
    const junk = Array.from({ length: 200 }, (_, i) => `junk line ${i}\n`).join('\n');
    const fs = memFs({ 'var/lib/dpkg/status': junk });
    const inv = await dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status'));
    assert.deepEqual(inv.packages, []);
    assert.equal(inv.warnings?.length, 51);
    assert.equal(inv.warnings?.at(-1)?.message, '…and 150 more problems like these');
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const fs = memFs({ 'var/lib/dpkg/status': single });
    await assert.rejects(
      dpkgExtractor.extract(await extractInput(fs, 'var/lib/dpkg/status', { signal: ac.signal })),
      {
        code: 'E_ABORTED',
      },
    );
  });
});
