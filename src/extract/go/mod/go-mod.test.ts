import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { dirFs } from '../../../test-support/dir-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { goModExtractor } from './go-mod.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
interface SyftGoPkg {
  Name: string;
  Version: string;
  PURL: string;
  Metadata: { H1Digest?: string } | [];
}

describe('goModExtractor.fileRequired', () => {
  it('Syft Test_Mod_Cataloger_Globs', async () => {
    const [c] = syftCases('golang', 'Test_Mod_Cataloger_Globs');
    const run = await runExtractor(goModExtractor, syftFixture('golang', 'testdata/glob-paths'));
    assert.deepEqual(
      run.calls.map((x) => x.path),
      c!.expected,
    );
  });
  for (const [path, want] of [
    ['go.mod', true],
    ['src/app/go.mod', true],
    ['go.sum', false],
    ['go.mod.bak', false],
  ] as const)
    it(`${path} → ${want}`, () => assert.equal(goModExtractor.fileRequired(path, file), want));
  it('needs go.sum beside it', () => assert.equal(goModExtractor.fileNeeded?.('a/go.sum'), true));
});

describe('goModExtractor against Syft TestParseGoMod', () => {
  for (const c of syftCases('golang', 'TestParseGoMod')) {
    const fixture = (c.case as { fixture: string }).fixture;
    it(fixture, async () => {
      const dir = fixture.slice(0, fixture.lastIndexOf('/'));
      const fs = dirFs(syftFixture('golang', dir));
      const { packages } = await goModExtractor.extract(await extractInput(fs, 'go.mod'));
      const want = (c.expected as SyftGoPkg[]).map((p) => [p.Name, p.Version, p.PURL]);
      assert.deepEqual(packages.map((p) => [p.name, p.version, p.purl]).sort(), want.sort());
    });
  }

  it('many-packages: indirect comments, replace, exclude', async () => {
    const fs = dirFs(syftFixture('golang', 'testdata/go-mod-fixtures/many-packages'));
    const { packages } = await goModExtractor.extract(await extractInput(fs, 'go.mod'));
    const get = (n: string) => packages.find((p) => p.name === n)!;
    assert.equal(get('github.com/bmatcuk/doublestar').direct, false);
    assert.equal(get('github.com/go-test/deep').direct, true, '"// a comment" is not indirect');
    assert.deepEqual(get('github.com/anchore/archiver/v3').metadata?.replaces, {
      path: 'github.com/anchore/archiver/v3',
      version: 'v3.5.1',
    });
    assert.equal(get('github.com/adrg/xdg'), undefined, 'excluded');
    assert.equal(get('github.com/ignore/this'), undefined, 'commented out');
    assert.equal(get('github.com/go-test/deep').metadata?.mainModule, 'github.com/anchore/syft');
  });
});

describe('goModExtractor against Syft Test_GoSumHashes', () => {
  it('h1 digests from go.sum (module lines, not /go.mod lines)', async () => {
    const [c] = syftCases('golang', 'Test_GoSumHashes');
    const fs = dirFs(syftFixture('golang', 'testdata/go-sum-hashes'));
    const { packages } = await goModExtractor.extract(await extractInput(fs, 'go.mod'));
    const want = (c!.expected as SyftGoPkg[]).map((p) => ({
      name: p.Name,
      version: p.Version,
      h1: Array.isArray(p.Metadata) ? undefined : p.Metadata.H1Digest,
    }));
    assert.deepEqual(
      packages.map((p) => ({ name: p.name, version: p.version, h1: p.metadata?.h1Digest })),
      want,
    );
  });
});

describe('goModExtractor bad input', () => {
  it('Syft corrupt fixture: a misspelt directive is a warning, the rest is kept', async () => {
    const fs = dirFs(syftFixture('golang', 'testdata/corrupt'));
    const { packages, warnings } = await goModExtractor.extract(await extractInput(fs, 'go.mod'));
    assert.ok(warnings!.some((w) => /unknown directive ruire/.test(w.message)));
    assert.ok(warnings!.some((w) => /not closed|unknown directive/.test(w.message)));
    assert.equal(packages.length, 0);
  });
  it('binary bytes', async () => {
    const fs = memFs({ 'go.mod': new Uint8Array([0, 1, 2]) });
    const { warnings } = await goModExtractor.extract(await extractInput(fs, 'go.mod'));
    assert.match(warnings![0]!.message, /binary/);
  });
  it('unterminated quote', async () => {
    const fs = memFs({ 'go.mod': 'module x\nrequire "github.com/a/b v1.0.0\n' });
    const { warnings } = await goModExtractor.extract(await extractInput(fs, 'go.mod'));
    assert.match(warnings![0]!.message, /unterminated quoted string/);
  });
});
