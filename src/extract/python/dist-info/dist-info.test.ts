import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { normalizePypiName } from '../pypi-package.ts';
import { distInfoExtractor } from './dist-info.ts';
import { parseCoreMetadata } from './parse-core-metadata.ts';
import { parseRecord, treePaths } from './record-files.ts';
import { needsExtra, parseRequirement } from './requires-dist.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };

describe('distInfoExtractor.fileRequired / fileNeeded', () => {
  const table: [string, boolean][] = [
    ['usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA', true],
    ['site-packages/w.EGG-INFO/PKG-INFO', true],
    ['usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info', true],
    ['site-packages/x.dist-info/RECORD', false],
    ['site-packages/x.egg-info/METADATA', false],
    ['site-packages/x.dist-info/PKG-INFO', false],
    ['src/METADATA', false],
  ];
  for (const [path, want] of table) {
    it(`${path} → ${want}`, () => assert.equal(distInfoExtractor.fileRequired(path, file), want));
  }
  it('Syft Test_PackageCataloger_Globs', () => {
    const [c] = syftCases('python', 'Test_PackageCataloger_Globs');
    for (const p of c!.expected as string[]) assert.ok(distInfoExtractor.fileRequired(p, file), p);
  });
  it('reads RECORD, top_level.txt, direct_url.json, installed-files.txt beside the metadata', () => {
    assert.equal(distInfoExtractor.fileNeeded?.('a/x-1.dist-info/RECORD'), true);
    assert.equal(distInfoExtractor.fileNeeded?.('a/x.egg-info/installed-files.txt'), true);
    assert.equal(distInfoExtractor.fileNeeded?.('a/RECORD'), false);
  });
});

interface SyftInstalled {
  Name: string;
  Version?: string;
  PURL: string;
  Licenses?: { args: { args?: unknown[] }[] };
}

describe('distInfoExtractor against Syft Test_InstalledPackageCataloger', () => {
  for (const c of syftCases('python', 'Test_InstalledPackageCataloger')) {
    it(c.case.name as string, async () => {
      // The partial fixture is the .dist-info folder itself: scan its parent, as a real walk would.
      const partial = c.case.fixture === 'testdata/site-packages/partial.dist-info';
      const full = await runExtractor(
        distInfoExtractor,
        syftFixture('python', partial ? 'testdata/site-packages' : (c.case.fixture as string)),
      );
      const run = partial
        ? {
            ...full,
            packages: full.packages.filter((p) => p.locations[0]!.path.startsWith('partial.dist-info/')),
          }
        : full;
      const want = (c.expectedPackages as SyftInstalled[]).map((p) => ({
        name: p.Name,
        version: p.Version ?? '',
        purl: p.PURL,
        // Syft reads LICENSE.txt contents ("detect licenses" → BSD-3-Clause); we report what the
        // metadata declares (the classifier), and do not classify licence texts.
        licenses:
          c.case.name === 'detect licenses'
            ? ['BSD License']
            : (p.Licenses?.args ?? []).map((l) => normalizeLicense(l.args![1] as string)),
      }));
      const got = run.packages.map((p) => ({
        name: p.name,
        version: p.version,
        purl: p.purl,
        licenses: p.licenses,
      }));
      const key = (x: { name: string; purl: string }) => `${x.name} ${x.purl}`;
      assert.deepEqual(
        got.sort((a, b) => key(a).localeCompare(key(b))),
        want.sort((a, b) => key(a).localeCompare(key(b))),
      );
      assert.deepEqual(run.warnings, []);
    });
  }

  it('nested: RECORD files as tree paths, top-level modules, vcs origin, side-file locations', async () => {
    const run = await runExtractor(distInfoExtractor, syftFixture('python', 'testdata/site-packages/nested'));
    const pygments = run.packages.find((p) => p.name === 'pygments')!;
    assert.equal(pygments.id, 'pypi:pygments@2.6.1:dist-name');
    assert.equal(pygments.ecosystem, 'PyPI');
    assert.deepEqual(pygments.metadata?.topLevelPackages, ['pygments', 'something_else']);
    assert.equal(
      pygments.metadata?.vcsUrl,
      'git+https://github.com/python-test/test.git@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    );
    assert.ok(pygments.files?.includes('dist-name/Pygments-2.6.1.dist-info/AUTHORS'));
    // ../../../bin/pygmentize climbs out of the fixture tree: dropped.
    assert.ok(!pygments.files?.some((f) => f.includes('pygmentize')));
    assert.deepEqual(
      pygments.locations.map((l) => l.path),
      [
        'dist-name/dist-info/METADATA',
        'dist-name/dist-info/RECORD',
        'dist-name/dist-info/top_level.txt',
        'dist-name/dist-info/direct_url.json',
      ],
    );
  });
});

describe('core metadata pieces', () => {
  it('Syft TestParseWheelEggMetadata: names, versions, Requires-Dist, Provides-Extra', () => {
    for (const c of syftCases('python', 'TestParseWheelEggMetadata')) {
      const want = (c.ExpectedMetadata as { PythonPackage: Record<string, unknown> }).PythonPackage;
      const m = parseCoreMetadata(readFileSync(syftFixture('python', c.input as string), 'utf8'));
      assert.equal(m.name, want.Name);
      assert.equal(m.version, want.Version);
      assert.equal(m.author, want.Author);
      assert.equal(m.requiresPython, want.RequiresPython);
      assert.deepEqual(m.requiresDist, want.RequiresDist ?? []);
      assert.deepEqual(m.providesExtra, want.ProvidesExtra ?? []);
    }
  });
  it('Syft Test_wheelEggDependencySpecifier: requirement names (extras only make no edge)', () => {
    for (const c of syftCases('python', 'Test_wheelEggDependencySpecifier')) {
      const lines = (c.case.p as { Metadata: { RequiresDist: string[] } }).Metadata.RequiresDist;
      const want = (c.want as { ProvidesRequires: { Requires?: string[] } }).ProvidesRequires.Requires ?? [];
      const reqs = lines.map((l) => parseRequirement(l)!);
      assert.deepEqual(
        reqs.map((r) => normalizePypiName(r.name)),
        want,
      );
      assert.deepEqual(
        reqs.map(needsExtra),
        lines.map((l) => l.includes('extra ==')),
      );
    }
  });
  it('Syft TestParseWheelEggRecord', () => {
    for (const c of syftCases('python', 'TestParseWheelEggRecord')) {
      const want = c.ExpectedMetadata as {
        Path: string;
        Digest?: { Algorithm: string; Value: string };
        Size?: string;
      }[];
      const got = parseRecord(
        readFileSync(syftFixture('python', (c.Fixture as string) ?? (c.input as string)), 'utf8'),
      );
      assert.deepEqual(
        got.map((r) => r.path),
        want.map((w) => w.Path),
      );
    }
  });
  it('tree paths: relative to the site folder, absolute kept, escapes dropped', () => {
    assert.deepEqual(
      treePaths('usr/lib/python3/dist-packages', [
        'yaml/__init__.py',
        '../../../bin/x',
        '/etc/y',
        '../../../../../z',
      ]),
      ['usr/lib/python3/dist-packages/yaml/__init__.py', 'usr/bin/x', 'etc/y'],
    );
  });
});

describe('distInfoExtractor: bad input', () => {
  it('binary, empty and header-less files throw clear errors', async () => {
    const fs = memFs({
      'a/x.dist-info/METADATA': readFileSync(process.execPath).subarray(0, 4096),
      'b/y.dist-info/METADATA': '',
      'c/z.egg-info': 'just some text\n',
    });
    await assert.rejects(
      distInfoExtractor.extract(await extractInput(fs, 'a/x.dist-info/METADATA')),
      /binary/,
    );
    await assert.rejects(
      distInfoExtractor.extract(await extractInput(fs, 'b/y.dist-info/METADATA')),
      /no Name header/,
    );
    await assert.rejects(distInfoExtractor.extract(await extractInput(fs, 'c/z.egg-info')), /no Name header/);
  });
});

// Real installed packages on this machine, checked against pip's own listing.
const PYENV = '/root/.pyenv/versions/3.11.7';
const SITE = `${PYENV}/lib/python3.11/site-packages`;
describe('distInfoExtractor on this machine (pip list)', {
  skip: !existsSync(SITE) && `${SITE} is not on this machine`,
}, () => {
  it('same names and versions as pip list, and edges that follow Requires-Dist', async () => {
    const pip = JSON.parse(
      execFileSync(
        `${PYENV}/bin/python`,
        ['-m', 'pip', 'list', '--format=json', '--disable-pip-version-check'],
        {
          encoding: 'utf8',
        },
      ),
    ) as { name: string; version: string }[];
    const run = await runExtractor(distInfoExtractor, SITE);
    assert.deepEqual(
      run.packages.map((p) => `${p.name}@${p.version}`).sort(),
      pip.map((p) => `${normalizePypiName(p.name)}@${p.version}`).sort(),
    );
    assert.deepEqual(run.warnings, []);
    const byId = new Map(run.packages.map((p) => [p.id, p]));
    for (const p of run.packages) {
      const declared = new Set(
        ((p.metadata?.requiresDist as string[] | undefined) ?? []).map((l) =>
          normalizePypiName(parseRequirement(l)!.name),
        ),
      );
      for (const to of p.dependsOn ?? []) assert.ok(declared.has(byId.get(to)!.name), `${p.name} → ${to}`);
    }
  });
});
