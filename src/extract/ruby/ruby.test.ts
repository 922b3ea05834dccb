import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FileStat } from '../../core/readonly-fs.ts';
import { extractInput } from '../../test-support/extract-input.ts';
import { memFs } from '../../test-support/mem-fs.ts';
import { runExtractor } from '../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../test-support/syft-expected.ts';
import { gemPurl } from './gem-package.ts';
import { gemfileLockExtractor } from './gemfile-lock/gemfile-lock.ts';
import { gemspecExtractor } from './gemspec/gemspec.ts';
import { resolveInterpolations } from './gemspec/parse-gemspec.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
function functionLevel(name: string): Record<string, unknown> {
  const all = JSON.parse(readFileSync(syftFixture('ruby', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: { go_test_func: string; expected: Record<string, unknown> }[];
  };
  return all.function_level.find((f) => f.go_test_func === name)!.expected;
}

describe('ruby fileRequired (Syft globs)', () => {
  it('Test_GemFileLock_Globs', () => {
    const [c] = syftCases('ruby', 'Test_GemFileLock_Globs');
    for (const p of c!.expected as string[]) assert.ok(gemfileLockExtractor.fileRequired(p, file), p);
    assert.ok(gemfileLockExtractor.fileRequired('app/gems.locked', file));
    assert.ok(!gemfileLockExtractor.fileRequired('app/Gemfile', file));
  });
  it('Test_GemSpec_Globs', () => {
    const [c] = syftCases('ruby', 'Test_GemSpec_Globs');
    for (const p of c!.expected as string[]) assert.ok(gemspecExtractor.fileRequired(p, file), p);
    assert.ok(!gemspecExtractor.fileRequired('src/my.gemspec', file));
  });
  it('Test_packageURL', () => {
    for (const c of syftCases('ruby', 'Test_packageURL')) {
      assert.equal(gemPurl(c.case.name as string, c.case.version as string), c.expected);
    }
    assert.equal(
      gemPurl('nokogiri', '1.16.0', 'x86_64-linux'),
      'pkg:gem/nokogiri@1.16.0?platform=x86_64-linux',
    );
  });
});

describe('gemfileLockExtractor against Syft TestParseGemfileLockEntries', () => {
  it('GEM, GIT and PATH specs; BAD-SECTION skipped; direct from DEPENDENCIES; edges', async () => {
    const fs = memFs({ 'Gemfile.lock': readFileSync(syftFixture('ruby', 'testdata/Gemfile.lock')) });
    const { packages } = await gemfileLockExtractor.extract(await extractInput(fs, 'Gemfile.lock'));
    const want = functionLevel('TestParseGemfileLockEntries').expectedPkgs as {
      Name: string;
      Version: string;
      PURL: string;
    }[];
    const key = (x: string[]) => x.join(' ');
    assert.deepEqual(
      packages.map((p) => [p.name, p.version, p.purl]).sort((a, b) => key(a).localeCompare(key(b))),
      want.map((w) => [w.Name, w.Version, w.PURL]).sort((a, b) => key(a).localeCompare(key(b))),
    );
    const by = new Map(packages.map((p) => [p.name, p]));
    assert.equal(by.get('rails')?.direct, true);
    assert.equal(by.get('turbolinks')?.direct, true);
    assert.equal(by.get('actionpack')?.direct, false);
    assert.equal(by.get('rails')?.ecosystem, 'RubyGems');
    assert.deepEqual(by.get('unicorn')?.dependsOn, [
      'gem:kgio@2.9.2',
      'gem:rack@1.5.2',
      'gem:raindrops@0.13.0',
    ]);
    // bundler is required by rails but not locked: no edge to nothing.
    assert.ok(!by.get('rails')?.dependsOn?.some((d) => d.startsWith('gem:bundler')));
    assert.equal(by.get('turbolinks')?.metadata?.revision, '80216ce9d89920bf073709405e3fce6d0a3ccd9a');
  });
  it('platform builds: version split from the platform, both kept', async () => {
    const text =
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.0-arm64-darwin)\n      racc (~> 1.4)\n    nokogiri (1.16.0-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.7.3)\n\nPLATFORMS\n  arm64-darwin\n  x86_64-linux\n\nDEPENDENCIES\n  nokogiri\n';
    const fs = memFs({ 'Gemfile.lock': text });
    const { packages } = await gemfileLockExtractor.extract(await extractInput(fs, 'Gemfile.lock'));
    assert.deepEqual(
      packages.map((p) => [p.id, p.version, p.purl]),
      [
        ['gem:nokogiri@1.16.0-arm64-darwin', '1.16.0', 'pkg:gem/nokogiri@1.16.0?platform=arm64-darwin'],
        ['gem:nokogiri@1.16.0-x86_64-linux', '1.16.0', 'pkg:gem/nokogiri@1.16.0?platform=x86_64-linux'],
        ['gem:racc@1.7.3', '1.7.3', 'pkg:gem/racc@1.7.3'],
      ],
    );
  });
  it('binary input throws', async () => {
    const fs = memFs({ 'Gemfile.lock': readFileSync(process.execPath).subarray(0, 4096) });
    await assert.rejects(gemfileLockExtractor.extract(await extractInput(fs, 'Gemfile.lock')), /binary/);
  });
});

describe('gemspecExtractor against Syft TestParseGemspec', () => {
  for (const [fn, fixture] of [
    ['TestParseGemspec', 'bundler.gemspec'],
    ['TestParseGemspec_ResolvesRubyInterpolation', 'formatador.gemspec'],
  ] as const) {
    it(fn, async () => {
      const path = `usr/local/lib/ruby/gems/3.2.0/specifications/${fixture}`;
      const fs = memFs({ [path]: readFileSync(syftFixture('ruby', 'testdata', fixture)) });
      const { packages } = await gemspecExtractor.extract(await extractInput(fs, path));
      const want = functionLevel(fn).expectedPkg as {
        Name: string;
        Version: string;
        PURL: string;
        Metadata: { Files: string[]; Authors: string[]; Homepage: string };
      };
      const p = packages[0]!;
      assert.deepEqual(
        [p.name, p.version, p.purl, p.licenses, p.metadata?.authors, p.metadata?.homepage],
        [want.Name, want.Version, want.PURL, ['MIT'], want.Metadata.Authors, want.Metadata.Homepage],
      );
      assert.deepEqual(
        p.files,
        want.Metadata.Files.map(
          (f) => `usr/local/lib/ruby/gems/3.2.0/gems/${want.Name}-${want.Version}/${f}`,
        ),
      );
    });
  }
  for (const c of syftCases('ruby', 'TestResolveRubyInterpolationsInFields')) {
    it(`TestResolveRubyInterpolationsInFields: ${c.case.name}`, () => {
      const got = resolveInterpolations(c.case.fields as Record<string, string>);
      if (c.wantDropped) assert.equal(got.homepage, undefined);
      else assert.equal(got.homepage, c.wantHomepage);
    });
  }
  it('a gemspec without a literal name or version throws', async () => {
    const fs = memFs({ 'specifications/x.gemspec': 'Gem::Specification.new do |s|\n  s.name = NAME\nend\n' });
    await assert.rejects(
      gemspecExtractor.extract(await extractInput(fs, 'specifications/x.gemspec')),
      /no literal name/,
    );
  });
  it('the glob fixtures hold no gemspec content: clear errors', async () => {
    await assert.rejects(
      runExtractor(gemspecExtractor, syftFixture('ruby', 'testdata/glob-paths')),
      /not an installed gemspec/,
    );
  });
});
