import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { nameVersions, syftJsExpected } from '../../../test-support/syft-javascript-expected.ts';
import { parsePnpmKey } from './parse-pnpm-key.ts';
import { pnpmDocumentVersion } from './parse-pnpm-lock.ts';
import { pnpmLockExtractor } from './pnpm-lock.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
const fixtureText = (dir: string) =>
  readFileSync(syftFixture('javascript', 'testdata', dir, 'pnpm-lock.yaml'), 'utf8');
async function extract(text: string) {
  return pnpmLockExtractor.extract(await extractInput(memFs({ 'pnpm-lock.yaml': text }), 'pnpm-lock.yaml'));
}
const edges = (pkgs: Package[]) =>
  pkgs
    .flatMap((p) => (p.dependsOn ?? []).map((d) => `${p.name} → ${pkgs.find((q) => q.id === d)?.name}`))
    .sort();

describe('pnpmLockExtractor.fileRequired', () => {
  it('Syft Test_LockCataloger_Globs, and not inside node_modules', () => {
    const [c] = syftCases('javascript', 'Test_LockCataloger_Globs');
    assert.deepEqual(
      (c!.expected as string[]).filter((p) => pnpmLockExtractor.fileRequired(p, file)),
      ['src/pnpm-lock.yaml'],
    );
    assert.equal(pnpmLockExtractor.fileRequired('a/node_modules/b/pnpm-lock.yaml', file), false);
    assert.equal(pnpmLockExtractor.selfContained, true);
  });
});

describe('parsePnpmKey', () => {
  const table: [string, number, string | undefined][] = [
    ['/acorn/8.8.0', 5.4, 'acorn@8.8.0'],
    ['/acorn-jsx/5.3.2_acorn@8.8.0', 5.4, 'acorn-jsx@5.3.2'],
    ['/@babel/core/7.21.4', 5.4, '@babel/core@7.21.4'],
    ['registry.example.com/left-pad/1.3.0', 5.4, 'left-pad@1.3.0'],
    ['/@testing-library/react@13.4.0(react-dom@18.2.0)(react@18.2.0)', 6, '@testing-library/react@13.4.0'],
    ['@babel/helper-plugin-utils@7.24.7(@babel/core@7.24.7)', 9, '@babel/helper-plugin-utils@7.24.7'],
    ['cross-spawn@7.0.6', 9, 'cross-spawn@7.0.6'],
    ['foo@https://codeload.github.com/a/b/tar.gz/abc', 9, undefined],
  ];
  for (const [key, v, want] of table) {
    it(`${key} (v${v})`, () => {
      const got = parsePnpmKey(key, v);
      assert.equal(got && `${got.name}@${got.version}`, want);
    });
  }
});

describe('pnpmDocumentVersion against Syft Test_pnpmDocumentVersion', () => {
  for (const c of syftCases('javascript', 'Test_pnpmDocumentVersion')) {
    const { name, doc, established } = c.case as { name: string; doc: string; established?: number };
    it(name, async () => {
      const { parse } = await import('yaml');
      const json = parse(doc) as Record<string, unknown>;
      if (c.wantErr) assert.throws(() => pnpmDocumentVersion(json, established));
      else assert.equal(pnpmDocumentVersion(json, established), c.want);
    });
  }
});

describe('pnpmLockExtractor against Syft', () => {
  const cases: [string, string][] = [
    ['pnpm', 'TestParsePnpmLock'],
    ['pnpm-v6', 'TestParsePnpmV6Lock'],
    ['pnpm-v5-peer-suffix', 'TestParsePnpmLockV5PeerSuffix'],
    ['pnpm-v9', 'TestParsePnpmLockV9'],
    ['pnpm-v9-snapshots', 'TestParsePnpmLockV9WithDependencies'],
    ['pnpm-multi-doc', 'TestParsePnpmLock_MultiDocument'],
  ];
  for (const [dir, func] of cases) {
    it(`${dir} (${func}): names, versions, purls, integrity`, async () => {
      const inv = await extract(fixtureText(dir));
      const want = syftJsExpected(func);
      // The `pnpm` fixture's packages section is trimmed; Syft adds the importer's prod
      // dependencies back, we add its devDependencies too (flagged dev).
      const got =
        dir === 'pnpm' ? inv.packages.filter((p) => !p.dev || p.name.startsWith('@bcoe')) : inv.packages;
      assert.deepEqual(nameVersions(got), nameVersions(want));
      for (const w of want) {
        const p = inv.packages.find((q) => q.name === w.Name && q.version === w.Version)!;
        assert.equal(p.purl, w.PURL);
        const integrity = (w.Metadata as { Resolution?: { Integrity?: string } } | undefined)?.Resolution
          ?.Integrity;
        if (integrity) assert.equal(p.metadata?.integrity, integrity);
      }
    });
  }
  it('v5: dev flags from the lockfile (TestParsePnpmLock_ExcludeDevDependencies keeps the non-dev ones)', async () => {
    const inv = await extract(fixtureText('pnpm'));
    assert.deepEqual(
      nameVersions(inv.packages.filter((p) => !p.dev)),
      nameVersions(syftJsExpected('TestParsePnpmLock_ExcludeDevDependencies')),
    );
    assert.equal(inv.packages.find((p) => p.name === 'nanoid')?.direct, true);
  });
  it('v9 snapshots edges (TestParsePnpmLockV9WithDependencies)', async () => {
    const inv = await extract(fixtureText('pnpm-v9-snapshots'));
    assert.deepEqual(edges(inv.packages), [
      'cross-spawn → path-key',
      'cross-spawn → shebang-command',
      'cross-spawn → which',
      'shebang-command → shebang-regex',
      'which → isexe',
    ]);
    assert.deepEqual(
      inv.packages.filter((p) => p.direct).map((p) => p.name),
      ['cross-spawn'],
    );
    assert.ok(inv.packages.every((p) => p.dev === false));
  });
  it('v5 peer suffixes resolve edges (TestParsePnpmLockV5PeerSuffix)', async () => {
    const inv = await extract(fixtureText('pnpm-v5-peer-suffix'));
    assert.deepEqual(edges(inv.packages), ['acorn-jsx → acorn']);
  });
});

describe('pnpmLockExtractor multi-document streams (Syft TestParsePnpmLock_MultiDocumentStream)', () => {
  const project = readFileSync(syftFixture('javascript', 'testdata/pnpm-multi-doc/pnpm-lock.yaml'), 'utf8')
    .split(/^---\n/m)
    .filter((d) => d.trim() !== '')[1]!;
  const pnpmDoc = (version: string, name: string, ver: string, integrity: string) =>
    `---\n${version ? `lockfileVersion: '${version}'\n` : ''}packages:\n  ${name}@${ver}:\n    resolution: {integrity: ${integrity}}\n`;
  const cases: [string, string, string[], boolean][] = [
    [
      'leading comment-only document is skipped',
      `---\n# generated by pnpm\n---\n${project}`,
      ['minimist@1.2.0'],
      false,
    ],
    ['trailing separator is skipped', `${project}---\n`, ['minimist@1.2.0'], false],
    [
      'later document inherits lockfileVersion',
      `${project}---\n${pnpmDoc('', 'left-pad', '1.0.0', 'sha512-BBB')}`,
      ['left-pad@1.0.0', 'minimist@1.2.0'],
      false,
    ],
    [
      'corrupt later document keeps earlier packages',
      `${project}---\nlockfileVersion: '9.0'\npackages:\n  bad@: {oops\n`,
      ['minimist@1.2.0'],
      true,
    ],
    ['single document is unchanged', project, ['minimist@1.2.0'], false],
  ];
  for (const [name, text, want, warns] of cases) {
    it(name, async () => {
      const inv = await extract(text);
      assert.deepEqual(nameVersions(inv.packages), want);
      assert.equal((inv.warnings?.length ?? 0) > 0, warns);
    });
  }
  it('empty file yields an error', async () => {
    await assert.rejects(extract(''), /no lockfile document/);
  });
});

describe('pnpmLockExtractor bad input', () => {
  it('Syft corrupt/pnpm-lock.yaml throws a clear error', async () => {
    await assert.rejects(extract(fixtureText('corrupt')), /pnpm-lock\.yaml document 1: invalid YAML/);
  });
  it('YAML aliases are refused (alias bombs)', async () => {
    const bomb = "lockfileVersion: '9.0'\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
    await assert.rejects(extract(bomb), /document 1/);
  });
});
