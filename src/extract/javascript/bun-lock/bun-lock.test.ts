import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { nameVersions, syftJsExpected } from '../../../test-support/syft-javascript-expected.ts';
import { splitNameVersion } from '../split-name-version.ts';
import { bunLockExtractor } from './bun-lock.ts';
import { parseJsonc } from './parse-jsonc.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
const edges = (pkgs: Package[]) =>
  pkgs
    .flatMap((p) => (p.dependsOn ?? []).map((d) => `${p.name} → ${pkgs.find((q) => q.id === d)?.name}`))
    .sort();
async function extract(text: string) {
  return bunLockExtractor.extract(await extractInput(memFs({ 'bun.lock': text }), 'bun.lock'));
}

describe('bunLockExtractor.fileRequired', () => {
  it('Syft Test_LockCataloger_Globs; bun.lockb is not read', () => {
    const [c] = syftCases('javascript', 'Test_LockCataloger_Globs');
    assert.deepEqual(
      (c!.expected as string[]).filter((p) => bunLockExtractor.fileRequired(p, file)),
      ['src/bun.lock'],
    );
    assert.equal(bunLockExtractor.fileRequired('app/bun.lockb', file), false);
  });
});

describe('splitNameVersion against Syft TestParseBunPackageIdentifier', () => {
  for (const c of syftCases('javascript', 'TestParseBunPackageIdentifier')) {
    const id = (c.case as { identifier: string }).identifier;
    it(id, () => {
      const got = splitNameVersion(id);
      assert.equal(got !== undefined, c.wantOK);
      if (got) assert.deepEqual([got.name, got.version], [c.wantName, c.wantVer]);
    });
  }
});

describe('parseJsonc', () => {
  it('trailing commas and comments, strings untouched', () => {
    assert.deepEqual(parseJsonc('{"a": [1, 2,], /* c */ "b": "x,}// y", // z\n}'), {
      a: [1, 2],
      b: 'x,}// y',
    });
  });
  it('invalid JSON still fails', () => assert.throws(() => parseJsonc('{"a": }')));
});

describe('bunLockExtractor against Syft', () => {
  for (const c of syftCases('javascript', 'TestParseBunLock_Fixtures')) {
    const { name, fixture } = c.case as { name: string; fixture: string };
    it(`${name} (TestParseBunLock_Fixtures)`, async () => {
      const run = await runExtractor(bunLockExtractor, syftFixture('javascript', fixture, '..'));
      assert.deepEqual(run.packages.map((p) => p.name).sort(), [...(c.wantNames as string[])].sort());
      for (const [n, integrity] of Object.entries(
        (c.wantIntegrity as Record<string, string> | undefined) ?? {},
      )) {
        assert.equal(run.packages.find((p) => p.name === n)?.hashes?.[0]?.alg, 'SHA-512', integrity);
      }
    });
  }
  it('TestParseBunLock: versions, purls, edges; dev from the workspace (TestParseBunLock_ExcludeDevDependencies)', async () => {
    const run = await runExtractor(bunLockExtractor, syftFixture('javascript', 'test-fixtures/bun'));
    const want = syftJsExpected('TestParseBunLock');
    assert.deepEqual(nameVersions(run.packages), nameVersions(want));
    for (const w of want) assert.equal(run.packages.find((p) => p.name === w.Name)?.purl, w.PURL);
    assert.deepEqual(edges(run.packages), [
      'axios → follow-redirects',
      'eslint → eslint-visitor-keys',
      'sharp → @img/sharp-darwin-arm64',
      'sharp → @img/sharp-linux-x64',
      'sharp → color',
    ]);
    assert.deepEqual(
      nameVersions(run.packages.filter((p) => !p.dev)),
      nameVersions(syftJsExpected('TestParseBunLock_ExcludeDevDependencies')),
    );
    assert.equal(run.packages.find((p) => p.name === 'typescript')?.direct, true);
    assert.deepEqual(run.packages.find((p) => p.name === 'sharp')?.metadata, { key: 'sharp' });
  });
  it('git packages keep their git version; root and workspace entries are the project', async () => {
    const run = await runExtractor(
      bunLockExtractor,
      syftFixture('javascript', 'test-fixtures/bun-variable-tuples'),
    );
    assert.equal(
      run.packages.find((p) => p.name === 'ghostty-web')?.version,
      'github:rcarmo/ghostty-web#6c1c75b',
    );
    assert.ok(!run.packages.some((p) => p.name === 'my-monorepo' || p.name === '@my/util'));
  });
});

describe('bunLockExtractor nesting and bad input', () => {
  it('a nested copy (`a/b`) is what `a` depends on', async () => {
    const inv = await extract(
      JSON.stringify({
        lockfileVersion: 1,
        workspaces: { '': { dependencies: { a: '1', b: '2' } } },
        packages: {
          a: ['a@1.0.0', '', { dependencies: { b: '1' } }, ''],
          b: ['b@2.0.0', '', {}, ''],
          'a/b': ['b@1.0.0', '', {}, ''],
        },
      }),
    );
    assert.deepEqual(inv.packages.find((p) => p.name === 'a')?.dependsOn, ['npm:b@1.0.0']);
  });
  it('invalid JSON throws; a bad tuple is a warning', async () => {
    await assert.rejects(extract('{"packages": {'), /not a bun\.lock: invalid JSON/);
    await assert.rejects(extract('{"lockfileVersion": 1}'), /no "packages"/);
    const inv = await extract('{"packages": {"x": "nope", "y": ["y@1.0.0"]}}');
    assert.deepEqual(nameVersions(inv.packages), ['y@1.0.0']);
    assert.match(inv.warnings?.[0]?.message ?? '', /not a \[identifier/);
  });
});
