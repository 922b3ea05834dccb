import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { parseRequirements } from './parse-requirements.ts';
import { requirementsExtractor } from './requirements.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };

describe('requirementsExtractor.fileRequired', () => {
  it('Syft Test_IndexCataloger_Globs (the requirements files among them)', () => {
    const [c] = syftCases('python', 'Test_IndexCataloger_Globs');
    const want = (c!.expected as string[]).filter((p) => p.endsWith('.txt'));
    assert.deepEqual(want.length, 4);
    for (const p of want) assert.ok(requirementsExtractor.fileRequired(p, file), p);
    assert.equal(requirementsExtractor.fileRequired('src/setup.py', file), false);
    assert.equal(requirementsExtractor.fileRequired('src/notes.txt', file), false);
  });
});

describe('requirementsExtractor against Syft TestParseRequirementsTxt (pinned only)', () => {
  it('names, versions, purls, markers, extras, URLs and hashes', async () => {
    const run = await runExtractor(requirementsExtractor, syftFixture('python', 'testdata/requires'));
    // The pinned list of parse_requirements_test.go (`pinnedPkgs`), in file order.
    const want: [string, string, string][] = [
      ['flask', '4.0.0', '== 4.0.0'],
      ['urllib3', '1.26.20', '===1.26.20'],
      ['foo', '1.0.0', '== 1.0.0'],
      ['someproject', '5.4', '==5.4'],
      ['dots-allowed', '1.0.0', '== 1.0.0'],
      ['argh', '0.26.2', '==0.26.2'],
      ['argh', '0.26.3', '==0.26.3'],
      ['celery', '4.4.7', '== 4.4.7'],
      ['githubsampleproject', '3.7.1', '== 3.7.1'],
      ['friendly-bard', '1.0.0', '== 1.0.0'],
      ['local-version', '1.2.3+gcr.2', '== 1.2.3+gcr.2'],
    ];
    assert.deepEqual(
      run.packages.map((p) => [p.name, p.version, p.metadata?.constraint]),
      want,
    );
    const by = (n: string, v: string) => run.packages.find((p) => p.name === n && p.version === v)!;
    assert.equal(by('someproject', '5.4').metadata?.marker, "python_version < '3.8'");
    assert.equal(by('someproject', '5.4').metadata?.name, 'SomeProject');
    assert.deepEqual(by('celery', '4.4.7').metadata?.extras, ['redis', 'pytest']);
    assert.equal(
      by('githubsampleproject', '3.7.1').metadata?.url,
      'git+https://github.com/owner/repo@releases/tag/v3.7.1',
    );
    assert.deepEqual(by('argh', '0.26.2').hashes, [
      { alg: 'SHA-256', content: 'a9b3aaa1904eeb78e32394cd46c6f37ac0fb4af6dc488daa58971bdc7d7fcaf3' },
      { alg: 'SHA-256', content: 'e9535b8c84dc9571a48999094fda7f33e63c3f1b74f3e5f3ac0105a58405bb65' },
    ]);
    assert.equal(by('flask', '4.0.0').purl, 'pkg:pypi/flask@4.0.0');
    assert.equal(by('flask', '4.0.0').ecosystem, 'PyPI');
    assert.equal(by('flask', '4.0.0').id, 'pypi:flask@4.0.0');
    // Syft writes `1.2.3%2Bgcr.2`; packageurl-js leaves `+` as is (both decode to the same version).
    assert.equal(by('local-version', '1.2.3+gcr.2').purl, 'pkg:pypi/local-version@1.2.3+gcr.2');
  });

  it('unpinned lines and includes are reported by the parser, not packaged', () => {
    const text = readFileSync(syftFixture('python', 'testdata/requires/requirements.txt'), 'utf8');
    const parsed = parseRequirements(text);
    assert.deepEqual(parsed.includes, ['other-requirements.txt', 'super-secretrequirements.txt']);
    assert.deepEqual(
      parsed.unpinned.map((u) => u.text.split(/[\s=<>!~;[]/)[0]),
      ['sqlalchemy', 'bar', 'coverage', 'numpyNew', 'numpy', 'Mopidy-Dirble', 'requests'],
    );
  });

  it('Syft Test_newRequirement: pins and their constraints', () => {
    for (const c of syftCases('python', 'Test_newRequirement')) {
      const raw = c.case.raw as string;
      const want = c.want as { Name?: string; VersionConstraint?: string } | null;
      const pin = parseRequirements(raw).pins[0];
      const exact = want?.VersionConstraint && /^===?\s*[^\s,*]+$/.test(want.VersionConstraint);
      if (!exact) {
        assert.equal(pin, undefined, raw);
        continue;
      }
      assert.equal(pin?.constraint, want.VersionConstraint, raw);
      assert.equal(pin?.name, want.Name!.replace(/\[.*$/, ''), raw);
    }
  });
});

describe('requirementsExtractor: bad input', () => {
  it('a binary file throws; an empty file has no packages', async () => {
    const fs = memFs({
      'requirements.txt': readFileSync(process.execPath).subarray(0, 4096),
      'dev-requirements.txt': '',
    });
    await assert.rejects(requirementsExtractor.extract(await extractInput(fs, 'requirements.txt')), /binary/);
    const empty = await requirementsExtractor.extract(await extractInput(fs, 'dev-requirements.txt'));
    assert.deepEqual(empty.packages, []);
  });
});
