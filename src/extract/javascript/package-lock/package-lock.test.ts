import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { nameVersions, syftJsExpected } from '../../../test-support/syft-javascript-expected.ts';
import { packageLockExtractor } from './package-lock.ts';
import { resolveNodeModules } from './resolve-node-modules.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
const fixture = (name: string) => readFileSync(syftFixture('javascript', 'testdata/pkg-lock', name), 'utf8');

async function extract(text: string, siblings: Record<string, string> = {}) {
  const fs = memFs({ 'app/package-lock.json': text, ...siblings });
  return packageLockExtractor.extract(await extractInput(fs, 'app/package-lock.json'));
}
const edges = (pkgs: Package[]) =>
  pkgs
    .flatMap((p) => (p.dependsOn ?? []).map((d) => `${p.name} → ${pkgs.find((q) => q.id === d)?.name}`))
    .sort();

describe('packageLockExtractor.fileRequired', () => {
  const table: [string, boolean][] = [
    ['package-lock.json', true],
    ['srv/app/package-lock.json', true],
    ['srv/app/npm-shrinkwrap.json', true],
    ['srv/app/node_modules/.package-lock.json', false],
    ['srv/app/node_modules/foo/npm-shrinkwrap.json', false],
    ['srv/app/package.json', false],
    ['srv/app/package-lock.json.bak', false],
  ];
  for (const [path, want] of table)
    it(`${path} → ${want}`, () => assert.equal(packageLockExtractor.fileRequired(path, file), want));
  it('Syft Test_LockCataloger_Globs (its package-lock.json)', () => {
    const [c] = syftCases('javascript', 'Test_LockCataloger_Globs');
    const locks = (c!.expected as string[]).filter((p) => packageLockExtractor.fileRequired(p, file));
    assert.deepEqual(locks, ['src/package-lock.json']);
  });
});

describe('resolveNodeModules', () => {
  const keys = new Set([
    'node_modules/a',
    'node_modules/a/node_modules/b',
    'node_modules/b',
    'packages/w/node_modules/c',
  ]);
  const has = (k: string) => keys.has(k);
  it('nearest node_modules first', () => {
    assert.equal(resolveNodeModules('node_modules/a', 'b', has), 'node_modules/a/node_modules/b');
    assert.equal(resolveNodeModules('node_modules/a/node_modules/b', 'a', has), 'node_modules/a');
    assert.equal(resolveNodeModules('', 'b', has), 'node_modules/b');
  });
  it('workspace folders look in their own node_modules, then up', () => {
    assert.equal(resolveNodeModules('packages/w', 'c', has), 'packages/w/node_modules/c');
    assert.equal(resolveNodeModules('packages/w', 'a', has), 'node_modules/a');
    assert.equal(resolveNodeModules('packages/w', 'zz', has), undefined);
  });
});

describe('packageLockExtractor against Syft', () => {
  it('v1 (TestParsePackageLock): names, versions, purls, hashes from integrity', async () => {
    const inv = await extract(fixture('package-lock.json'));
    const want = syftJsExpected('TestParsePackageLock');
    // Syft leaves dev packages out by default; we keep them, flagged (async is a devDependency).
    assert.deepEqual(nameVersions(inv.packages.filter((p) => !p.dev)), nameVersions(want));
    assert.equal(inv.packages.find((p) => p.name === 'async')?.dev, true);
    for (const w of want) {
      const p = inv.packages.find((q) => q.name === w.Name)!;
      assert.equal(p.purl, w.PURL);
      assert.equal(p.metadata?.integrity, (w.Metadata as { Integrity: string }).Integrity);
      assert.equal(p.ecosystem, 'npm');
      assert.deepEqual(p.locations, [{ path: 'app/package-lock.json' }]);
    }
    const core = inv.packages.find((p) => p.name === '@actions/core')!;
    assert.equal(core.id, 'npm:@actions/core@1.6.0');
    assert.equal(core.hashes?.[0]?.alg, 'SHA-512');
    // sha512-NB1UAZom… decoded to hex (checked with Python base64)
    assert.match(core.hashes?.[0]?.content ?? '', /^341d54019a26665095fcb989aa42e1353aad29f15725/);
    assert.equal(inv.packages.find((p) => p.name === 'ansi-regex')?.hashes?.[0]?.alg, 'SHA-1');
    // v1 has no root dependency list: without a package.json, direct is unknown.
    assert.equal(core.direct, undefined);
  });

  it('v1 direct dependencies come from the sibling package.json', async () => {
    const inv = await extract(fixture('package-lock.json'), {
      'app/package.json': JSON.stringify({ dependencies: { cowsay: '^1.4.0', '@actions/core': '^1.6.0' } }),
    });
    const direct = inv.packages.filter((p) => p.direct).map((p) => p.name);
    assert.deepEqual(direct.sort(), ['@actions/core', 'cowsay']);
    assert.equal(inv.packages.find((p) => p.name === 'optimist')?.direct, false);
  });

  it('v1 nested dependencies (TestParsePackageLockV1NestedDependencies)', async () => {
    const inv = await extract(fixture('nested-package-lock-1.json'));
    // Syft drops dev packages by default; we keep them, flagged.
    const prod = inv.packages.filter((p) => !p.dev);
    assert.deepEqual(
      nameVersions(prod),
      nameVersions(syftJsExpected('TestParsePackageLockV1NestedDependencies')),
    );
    assert.deepEqual(
      inv.packages.filter((p) => p.dev).map((p) => p.name),
      ['dev-parent', 'dev-nested'],
    );
    // The placeholder integrity values ("sha512-parent") are not real digests: no hashes.
    assert.equal(inv.packages[0]?.hashes, undefined);
  });

  it('v2 (TestParsePackageLockV2): licences and edges; the root is not a package', async () => {
    const inv = await extract(fixture('package-lock-2.json'));
    const want = syftJsExpected('TestParsePackageLockV2').filter((w) => w.Name !== 'npm');
    assert.deepEqual(nameVersions(inv.packages.filter((p) => !p.dev)), nameVersions(want));
    assert.deepEqual(inv.packages.find((p) => p.name === 'csstype')?.licenses, ['MIT']);
    // Syft's edges, minus the ones to its root package: @types/react depends on the other three.
    assert.deepEqual(edges(inv.packages), [
      '@types/react → @types/prop-types',
      '@types/react → @types/scheduler',
      '@types/react → csstype',
    ]);
    const byName = new Map(inv.packages.map((p) => [p.name, p]));
    assert.equal(byName.get('@types/react')?.direct, true);
    assert.equal(byName.get('csstype')?.direct, false);
    assert.equal(byName.get('async')?.dev, true);
    assert.equal(byName.get('async')?.direct, true);
    assert.equal(byName.get('npm'), undefined);
  });

  it('v3 (TestParsePackageLockV3)', async () => {
    const inv = await extract(fixture('package-lock-3.json'));
    const want = syftJsExpected('TestParsePackageLockV3').filter((w) => w.Name !== 'lock-v3-fixture');
    assert.deepEqual(nameVersions(inv.packages.filter((p) => !p.dev)), nameVersions(want));
    for (const w of want) assert.equal(inv.packages.find((p) => p.name === w.Name)?.purl, w.PURL);
    assert.ok(edges(inv.packages).includes('@types/react → csstype'));
  });

  it('licence arrays (TestParsePackageLockLicenseWithArray)', async () => {
    const inv = await extract(fixture('array-license-package-lock.json'));
    // Syft keeps "Apache2" verbatim; normalised, it is the SPDX id.
    assert.deepEqual(inv.packages.find((p) => p.name === 'pause-stream')?.licenses, ['MIT', 'Apache-2.0']);
    assert.deepEqual(edges(inv.packages), ['pause-stream → through']);
  });

  it('aliases (TestParsePackageLockAlias), v1 and v2', async () => {
    for (const name of ['alias-package-lock-1.json', 'alias-package-lock-2.json']) {
      const inv = await extract(fixture(name));
      assert.deepEqual(
        nameVersions(inv.packages),
        ['@bundled-es-modules/chai@4.2.2', 'case@1.6.2', 'case@1.6.3'],
        name,
      );
      assert.equal(
        inv.packages.find((p) => p.name === '@bundled-es-modules/chai')?.purl,
        'pkg:npm/%40bundled-es-modules/chai@4.2.2',
      );
    }
    const v2 = await extract(fixture('alias-package-lock-2.json'));
    assert.ok(v2.packages.every((p) => p.direct === true));
  });

  it('Syft Test_JavascriptCataloger: same packages from the lock (licences come from node_modules instead)', async () => {
    const run = await runExtractor(packageLockExtractor, syftFixture('javascript', 'testdata/pkg-lock'));
    const prod = run.packages.filter((p) => !p.dev);
    assert.deepEqual(nameVersions(prod), nameVersions(syftJsExpected('Test_JavascriptCataloger')));
  });
});

describe('packageLockExtractor workspaces and nesting', () => {
  it('links to workspace folders, workspace deps are direct, nested copies resolve first', async () => {
    const lock = {
      name: 'mono',
      lockfileVersion: 3,
      packages: {
        '': { name: 'mono', workspaces: ['packages/*'], dependencies: { a: '^1' } },
        'node_modules/a': { version: '1.0.0', dependencies: { b: '^2' } },
        'node_modules/a/node_modules/b': { version: '2.0.0' },
        'node_modules/b': { version: '1.0.0', dev: true },
        'node_modules/w': { resolved: 'packages/w', link: true },
        'packages/w': {
          name: 'w',
          version: '0.1.0',
          dependencies: { c: '^3' },
          devDependencies: { b: '^1' },
        },
        'packages/w/node_modules/c': { version: '3.0.0', license: 'ISC' },
      },
    };
    const inv = await extract(JSON.stringify(lock));
    assert.deepEqual(nameVersions(inv.packages), ['a@1.0.0', 'b@1.0.0', 'b@2.0.0', 'c@3.0.0']);
    const a = inv.packages.find((p) => p.name === 'a')!;
    assert.deepEqual(a.dependsOn, ['npm:b@2.0.0']);
    assert.equal(inv.packages.find((p) => p.id === 'npm:c@3.0.0')?.direct, true);
    assert.equal(inv.packages.find((p) => p.id === 'npm:b@1.0.0')?.direct, true);
    assert.equal(inv.packages.find((p) => p.id === 'npm:b@2.0.0')?.direct, false);
  });
});

describe('packageLockExtractor bad input', () => {
  it('Syft Test_corruptPackageLock: truncated JSON throws a clear error', async () => {
    await assert.rejects(
      extract(readFileSync(syftFixture('javascript', 'testdata/corrupt/package-lock.json'), 'utf8')),
      /not a package-lock\.json: invalid JSON/,
    );
  });
  it('a JSON array is not a lockfile', async () => {
    await assert.rejects(extract('[]'), /top level is not an object/);
  });
  it('entries without a version are warnings', async () => {
    const inv = await extract(JSON.stringify({ lockfileVersion: 2, packages: { 'node_modules/x': {} } }));
    assert.deepEqual(inv.packages, []);
    assert.match(inv.warnings?.[0]?.message ?? '', /has no version/);
  });
  it('absurd nesting is refused, not recursed into', async () => {
    let deps: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++) deps = { x: { version: '1.0.0', dependencies: deps } };
    await assert.rejects(
      extract(JSON.stringify({ lockfileVersion: 1, dependencies: deps })),
      /more than 200 deep/,
    );
  });
});
