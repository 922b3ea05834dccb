import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { nameVersions, syftJsExpected } from '../../../test-support/syft-javascript-expected.ts';
import { yarnPackageName } from './yarn-entry.ts';
import { yarnLockExtractor } from './yarn-lock.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
const dir = (name: string) => syftFixture('javascript', 'testdata', name);
const edges = (pkgs: Package[]) =>
  pkgs
    .flatMap((p) => (p.dependsOn ?? []).map((d) => `${p.name} → ${pkgs.find((q) => q.id === d)?.name}`))
    .sort();
async function extract(text: string) {
  return yarnLockExtractor.extract(await extractInput(memFs({ 'yarn.lock': text }), 'yarn.lock'));
}

describe('yarnLockExtractor.fileRequired', () => {
  for (const [path, want] of [
    ['yarn.lock', true],
    ['app/yarn.lock', true],
    ['app/node_modules/x/yarn.lock', false],
    ['app/yarn.lock.old', false],
  ] as const) {
    it(`${path} → ${want}`, () => assert.equal(yarnLockExtractor.fileRequired(path, file), want));
  }
  it('Syft Test_LockCataloger_Globs', () => {
    const [c] = syftCases('javascript', 'Test_LockCataloger_Globs');
    assert.deepEqual(
      (c!.expected as string[]).filter((p) => yarnLockExtractor.fileRequired(p, file)),
      ['src/yarn.lock'],
    );
  });
});

describe('yarnPackageName against Syft TestParseYarnFindPackageNames', () => {
  for (const c of syftCases('javascript', 'TestParseYarnFindPackageNames')) {
    const line = (c.case as { line: string }).line;
    it(line, () => assert.equal(yarnPackageName(line), c.expected));
  }
});

describe('yarnLockExtractor against Syft', () => {
  const cases: [string, string][] = [
    ['yarn', 'TestParseYarnLock'],
    ['yarn-v1-deps', 'TestParseYarnLockWithRelationships'],
    ['yarn-dups', 'TestParseYarnLockWithDuplicates'],
    ['yarn-berry', 'TestParseYarnBerry'],
    ['yarn-berry-dups', 'TestParseYarnBerryWithDuplicates'],
  ];
  for (const [fixture, func] of cases) {
    it(`${fixture} (${func}): names, versions, purls`, async () => {
      const run = await runExtractor(yarnLockExtractor, dir(fixture));
      // Syft also reports the Berry workspace `c0n-fab_u.laTION@workspace:.`: it is the project, not a package.
      const want = syftJsExpected(func).filter((w) => w.Name !== 'c0n-fab_u.laTION');
      assert.deepEqual(nameVersions(run.packages), nameVersions(want));
      for (const w of want) {
        const p = run.packages.find((q) => q.name === w.Name && q.version === w.Version)!;
        assert.equal(p.purl, w.PURL);
        assert.equal(p.foundBy, 'javascript/yarn-lock');
      }
    });
  }
  it('yarn-v1-deps edges (TestParseYarnLockWithRelationships)', async () => {
    const run = await runExtractor(yarnLockExtractor, dir('yarn-v1-deps'));
    assert.deepEqual(edges(run.packages), ['asn1.js → atob', 'aws-sdk → asn1.js']);
  });
  it('yarn-berry (TestParseYarnBerry): the workspace is not a package; what it names is direct', async () => {
    const run = await runExtractor(yarnLockExtractor, dir('yarn-berry'));
    // Syft: the workspace depends on these six; we mark them direct instead (no sibling package.json here).
    assert.deepEqual(
      run.packages
        .filter((p) => p.direct)
        .map((p) => p.name)
        .sort(),
      ['@babel/code-frame', '@types/minimatch', '@types/qs', 'ajv', 'asn1.js', 'atob'],
    );
    const p = run.packages.find((q) => q.name === 'ajv')!;
    assert.equal(p.metadata?.resolution, 'ajv@npm:6.12.3');
    assert.equal(p.hashes, undefined); // Berry's checksum is of its cache zip, not the tarball
  });
  for (const fixture of ['yarn-dev-deps', 'yarn-berry-dev-deps']) {
    it(`${fixture} (TestParseYarnLock_DevDependencies): dev and direct from package.json, and edges`, async () => {
      const run = await runExtractor(yarnLockExtractor, dir(fixture));
      const flags = Object.fromEntries(run.packages.map((p) => [p.name, [p.direct, p.dev]]));
      assert.deepEqual(flags, {
        'dev-only-transitive': [false, true],
        'dev-pkg': [true, true],
        'prod-pkg': [true, false],
        'shared-pkg': [false, false],
      });
      assert.deepEqual(edges(run.packages), ['dev-pkg → dev-only-transitive', 'prod-pkg → shared-pkg']);
    });
  }
  it('yarn-dups: the aliased package gets its real name from the tarball URL', async () => {
    const run = await runExtractor(yarnLockExtractor, dir('yarn-dups'));
    assert.ok(run.packages.some((p) => p.purl === 'pkg:npm/%404lolo/resize-observer-polyfill@1.5.2'));
    assert.equal(
      run.packages.find((p) => p.name === 'async' && p.version === '0.9.2')?.hashes?.[0]?.alg,
      'SHA-1',
    );
  });
});

describe('yarnLockExtractor: Berry workspaces, bad input', () => {
  it('workspace entries are the project: skipped, their dependencies direct', async () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  dependencies:',
      '    left-pad: "npm:^1.3.0"',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"left-pad@npm:^1.3.0":',
      '  version: 1.3.0',
      '  resolution: "left-pad@npm:1.3.0"',
      '',
    ].join('\n');
    const run = await yarnLockExtractor.extract(
      await extractInput(memFs({ 'yarn.lock': text, 'package.json': '{"name":"app"}' }), 'yarn.lock'),
    );
    assert.deepEqual(
      run.packages.map((p) => [p.id, p.direct, p.dev]),
      [['npm:left-pad@1.3.0', true, false]],
    );
  });
  it('invalid Berry YAML throws', async () => {
    await assert.rejects(
      extract('__metadata:\n  version: 6\n"a@npm:1": [\n'),
      /invalid yarn\.lock \(Berry YAML\)/,
    );
  });
  it('a classic block without a version is a warning', async () => {
    const inv = await extract('# yarn lockfile v1\n\nfoo@^1:\n  resolved "x"\n');
    assert.deepEqual(inv.packages, []);
    assert.match(inv.warnings?.[0]?.message ?? '', /has no version/);
  });
  it('binary content is refused', async () => {
    await assert.rejects(extract('\u0000\u0001'), /binary/);
  });
});
