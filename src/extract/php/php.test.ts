import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FileStat } from '../../core/readonly-fs.ts';
import { extractInput } from '../../test-support/extract-input.ts';
import { memFs } from '../../test-support/mem-fs.ts';
import { syftCases, syftFixture } from '../../test-support/syft-expected.ts';
import { normalizeLicense } from '../license/normalize-license.ts';
import { composerLockExtractor } from './composer-lock/composer-lock.ts';
import { composerPurl } from './composer-package.ts';
import { installedJsonExtractor } from './installed-json/installed-json.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
interface SyftPkg {
  Name: string;
  Version: string;
  PURL: string;
  Licenses?: { args: { args: unknown[] }[] };
}
function functionLevel(name: string): SyftPkg[] {
  const all = JSON.parse(readFileSync(syftFixture('php', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: { go_test_func: string; expected: { expectedPkgs: SyftPkg[] } }[];
  };
  return all.function_level.find((f) => f.go_test_func === name)!.expected.expectedPkgs;
}
const row = (w: SyftPkg) => [
  w.Name,
  w.Version,
  w.PURL,
  (w.Licenses?.args ?? []).map((a) => normalizeLicense(a.args.find((x) => typeof x === 'string') as string)),
];

describe('php fileRequired and purls', () => {
  it('Syft Test_ComposerLockCataloger_Globs', () => {
    const [c] = syftCases('php', 'Test_ComposerLockCataloger_Globs');
    for (const p of c!.expected as string[]) assert.ok(composerLockExtractor.fileRequired(p, file), p);
  });
  it('installed.json only in a composer folder (Syft takes any installed.json)', () => {
    assert.ok(installedJsonExtractor.fileRequired('app/vendor/composer/installed.json', file));
    assert.ok(!installedJsonExtractor.fileRequired('src/installed.json', file));
  });
  it('Syft Test_packageURL', () => {
    for (const c of syftCases('php', 'Test_packageURL')) {
      assert.equal(composerPurl(c.case.packageName as string, c.case.packageVersion as string), c.expected);
    }
  });
});

describe('composerLockExtractor against Syft TestParseComposerFileLock', () => {
  it('packages, licences; packages-dev flagged dev; require edges; dist shasum', async () => {
    const fs = memFs({ 'composer.lock': readFileSync(syftFixture('php', 'testdata/composer.lock')) });
    const { packages } = await composerLockExtractor.extract(await extractInput(fs, 'composer.lock'));
    const want = functionLevel('TestParseComposerFileLock');
    // Syft's expectation holds the runtime packages; the fixture's packages-dev ones come after.
    assert.deepEqual(
      packages.filter((p) => !p.dev).map((p) => [p.name, p.version, p.purl, p.licenses]),
      want.map(row),
    );
    assert.ok(
      packages.every((p) => p.ecosystem === 'Packagist' && p.id === `composer:${p.name}@${p.version}`),
    );
    const adapter = packages.find((p) => p.name === 'alcaeus/mongo-php-adapter')!;
    // mongodb/mongodb is required but not locked in this fixture; php and ext-* never resolve.
    for (const to of adapter.dependsOn ?? []) assert.ok(packages.some((p) => p.id === to));
  });
  it('invalid JSON and wrong shapes throw', async () => {
    const fs = memFs({ 'a/composer.lock': '{"packages": [', 'b/composer.lock': '[1,2]' });
    await assert.rejects(
      composerLockExtractor.extract(await extractInput(fs, 'a/composer.lock')),
      /invalid composer\.lock/,
    );
    await assert.rejects(
      composerLockExtractor.extract(await extractInput(fs, 'b/composer.lock')),
      /not a JSON object/,
    );
  });
});

describe('installedJsonExtractor against Syft TestParseInstalledJsonComposerV1', () => {
  for (const v of ['composer_1', 'composer_2']) {
    it(`${v}/installed.json`, async () => {
      const path = 'app/vendor/composer/installed.json';
      const fs = memFs({ [path]: readFileSync(syftFixture('php', `testdata/vendor/${v}/installed.json`)) });
      const { packages } = await installedJsonExtractor.extract(await extractInput(fs, path));
      assert.deepEqual(
        packages.map((p) => [p.name, p.version, p.purl, p.licenses]),
        functionLevel('TestParseInstalledJsonComposerV1').map(row),
      );
      const mink = packages.find((p) => p.name === 'behat/mink')!;
      assert.ok(mink.dependsOn?.every((to) => packages.some((p) => p.id === to)));
    });
  }
  it('neither shape throws', async () => {
    const fs = memFs({ 'vendor/composer/installed.json': '{"dev": true}' });
    await assert.rejects(
      installedJsonExtractor.extract(await extractInput(fs, 'vendor/composer/installed.json')),
      /neither a package array/,
    );
  });
});
