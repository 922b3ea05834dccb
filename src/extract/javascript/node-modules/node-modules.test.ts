import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { nodeModulesExtractor } from './node-modules.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
async function extract(text: string, path = 'app/node_modules/x/package.json') {
  return nodeModulesExtractor.extract(await extractInput(memFs({ [path]: text }), path));
}

describe('nodeModulesExtractor.fileRequired', () => {
  const table: [string, boolean][] = [
    ['node_modules/lodash/package.json', true],
    ['usr/lib/node_modules/npm/package.json', true],
    ['app/node_modules/@babel/core/package.json', true],
    ['app/node_modules/a/node_modules/b/package.json', true],
    ['app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json', true],
    ['app/node_modules/lodash/fp/package.json', false],
    ['app/node_modules/@babel/package.json', false],
    ['app/node_modules/.pnpm/package.json', false],
    ['app/package.json', false],
    // Syft's package cataloger reads project manifests; we leave those to lockfiles.
    ['src/package.json', false],
  ];
  for (const [path, want] of table)
    it(`${path} → ${want}`, () => assert.equal(nodeModulesExtractor.fileRequired(path, file), want));
});

describe('nodeModulesExtractor dependency edges (Node resolution)', () => {
  // A real installed tree: spdx-correct and its dependencies from this project's node_modules,
  // with one dependency also nested, as npm does for a conflicting version.
  const real = (name: string) =>
    readFileSync(
      fileURLToPath(new URL(`../../../../node_modules/${name}/package.json`, import.meta.url)),
      'utf8',
    );
  const nested = JSON.stringify({ name: 'spdx-license-ids', version: '2.0.0' });
  const tree = memFs({
    'app/node_modules/spdx-correct/package.json': real('spdx-correct'),
    'app/node_modules/spdx-correct/node_modules/spdx-license-ids/package.json': nested,
    'app/node_modules/spdx-expression-parse/package.json': real('spdx-expression-parse'),
    'app/node_modules/spdx-license-ids/package.json': real('spdx-license-ids'),
  });
  const version = (n: string) => (JSON.parse(real(n)) as { version: string }).version;

  it('the nearest node_modules wins; missing optional deps make no edge', async () => {
    const inv = await nodeModulesExtractor.extract(
      await extractInput(tree, 'app/node_modules/spdx-correct/package.json'),
    );
    assert.deepEqual([...(inv.packages[0]?.dependsOn ?? [])].sort(), [
      `npm:spdx-expression-parse@${version('spdx-expression-parse')}`,
      'npm:spdx-license-ids@2.0.0',
    ]);
    const parse = await nodeModulesExtractor.extract(
      await extractInput(tree, 'app/node_modules/spdx-expression-parse/package.json'),
    );
    assert.ok(parse.packages[0]?.dependsOn?.includes(`npm:spdx-license-ids@${version('spdx-license-ids')}`));
  });
});

describe('nodeModulesExtractor against Syft TestParsePackageJSON', () => {
  for (const c of syftCases('javascript', 'TestParsePackageJSON')) {
    const fixture = (c.case as { Fixture: string }).Fixture;
    const want = c.ExpectedPkg as {
      Name: string;
      Version: string;
      PURL: string;
      Licenses?: { args: { args: unknown[] }[] };
      Metadata: { Author?: string; Homepage?: string; URL?: string; Private?: boolean };
    };
    it(fixture, async () => {
      const inv = await extract(readFileSync(syftFixture('javascript', fixture), 'utf8'));
      const [p] = inv.packages;
      assert.equal(p?.name, want.Name);
      assert.equal(p?.version, want.Version);
      assert.equal(p?.purl, want.PURL);
      // Syft drops `"licenses": ["MIT"]` (strings, not {type} objects) as malformed; it still declares MIT.
      const licenses = fixture.endsWith('package-malformed-license.json')
        ? ['MIT']
        : (want.Licenses?.args ?? []).map((a) => normalizeLicense(a.args[1] as string));
      assert.deepEqual(p?.licenses, licenses);
      assert.equal(p?.metadata?.author, want.Metadata.Author);
      assert.equal(p?.metadata?.homepage, want.Metadata.Homepage);
      assert.equal(p?.metadata?.repository, want.Metadata.URL);
      assert.equal(p?.metadata?.private, want.Metadata.Private);
      assert.equal(p?.ecosystem, 'npm');
      assert.equal(p?.id, `npm:${want.Name}@${want.Version}`);
    });
  }
  it('TestParsePackageJSON_Partial: no name or version → no package, a warning', async () => {
    const inv = await extract(
      readFileSync(syftFixture('javascript', 'testdata/pkg-json/package-partial.json'), 'utf8'),
    );
    assert.deepEqual(inv.packages, []);
    assert.match(inv.warnings?.[0]?.message ?? '', /no name or version/);
  });
  it('the node_modules beside Syft pkg-lock: licences the lockfile lacks', async () => {
    const run = await runExtractor(nodeModulesExtractor, syftFixture('javascript', 'testdata/pkg-lock'));
    assert.deepEqual(
      run.packages.map((p) => [p.purl, p.licenses]),
      [
        ['pkg:npm/%40actions/core@1.6.0', ['MIT']],
        ['pkg:npm/cowsay@1.4.0', ['MIT']],
      ],
    );
  });
});

describe('nodeModulesExtractor bad input', () => {
  it('invalid JSON throws a clear error', async () => {
    await assert.rejects(extract('{"name": "x",'), /invalid package\.json/);
  });
  it('a BOM is tolerated; legacy licenses arrays are read', async () => {
    const inv = await extract(
      '\uFEFF{"name":"x","version":"1.0.0","licenses":[{"type":"MIT"},{"type":"Apache 2.0"}]}',
    );
    assert.deepEqual(inv.packages[0]?.licenses, ['MIT', 'Apache-2.0']);
  });
  it('a size limit keeps huge files out', () =>
    assert.equal(nodeModulesExtractor.maxFileSize, 4 * 1024 * 1024));
});
