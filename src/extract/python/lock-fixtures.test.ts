import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../core/package.ts';
import type { FileStat } from '../../core/readonly-fs.ts';
import { extractInput } from '../../test-support/extract-input.ts';
import { memFs } from '../../test-support/mem-fs.ts';
import { runExtractor } from '../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../test-support/syft-expected.ts';
import { pipfileLockExtractor } from './pipfile-lock/pipfile-lock.ts';
import { poetryLockExtractor } from './poetry-lock/poetry-lock.ts';
import { uvLockExtractor } from './uv-lock/uv-lock.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };

interface SyftPkg {
  Name: string;
  Version: string;
  PURL: string;
  Metadata: { Index?: string; Hashes?: string[] };
}
function functionLevel(name: string): Record<string, unknown> {
  const all = JSON.parse(readFileSync(syftFixture('python', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: { go_test_func: string; expected: Record<string, unknown> }[];
  };
  return all.function_level.find((f) => f.go_test_func === name)!.expected;
}

/** Syft's `dep @ version (loc) [dependency-of] parent @ version (loc)` rows as `parent → dep`. */
function syftEdges(rows: string[] | null): string[] {
  return (rows ?? [])
    .map((r) => {
      const m = /^(\S+) @ (\S+) \(.*?\) \[dependency-of\] (\S+) @ (\S+) \(/.exec(r)!;
      return `${m[3]}@${m[4]} → ${m[1]}@${m[2]}`;
    })
    .filter((e) => {
      const [a, b] = e.split(' → ');
      return a !== b; // Syft keeps self-edges (anyio → anyio); we drop them
    })
    .sort();
}
function ourEdges(pkgs: Package[]): string[] {
  const byId = new Map(pkgs.map((p) => [p.id, p]));
  return pkgs
    .flatMap((p) =>
      (p.dependsOn ?? []).map(
        (to) => `${p.name}@${p.version} → ${byId.get(to)!.name}@${byId.get(to)!.version}`,
      ),
    )
    .sort();
}

describe('lockfile fileRequired (Syft Test_IndexCataloger_Globs)', () => {
  const [c] = syftCases('python', 'Test_IndexCataloger_Globs');
  const globs = c!.expected as string[];
  it('Pipfile.lock, poetry.lock, uv.lock', () => {
    assert.ok(
      globs.includes('src/Pipfile.lock') &&
        globs.includes('src/poetry.lock') &&
        globs.includes('src/uv.lock'),
    );
    assert.ok(pipfileLockExtractor.fileRequired('src/Pipfile.lock', file));
    assert.ok(poetryLockExtractor.fileRequired('src/poetry.lock', file));
    assert.ok(uvLockExtractor.fileRequired('src/uv.lock', file));
    assert.ok(!uvLockExtractor.fileRequired('src/script.py.lock', file));
    assert.ok(!poetryLockExtractor.fileRequired('src/pdm.lock', file));
  });
});

describe('pipfileLockExtractor against Syft TestParsePipFileLock', () => {
  it('default packages as Syft lists them; develop ones too, flagged dev (Syft leaves them out)', async () => {
    const run = await runExtractor(pipfileLockExtractor, syftFixture('python', 'testdata/pipfile-lock'));
    const want = functionLevel('TestParsePipFileLock').expectedPkgs as SyftPkg[];
    const runtime = run.packages.filter((p) => !p.dev);
    assert.deepEqual(
      runtime.map((p) => [
        p.name,
        p.version,
        p.purl,
        p.metadata?.index,
        p.hashes?.map((h) => `sha256:${h.content}`),
      ]),
      want.map((w) => [w.Name, w.Version, w.PURL, w.Metadata.Index, w.Metadata.Hashes]),
    );
    const dev = run.packages.filter((p) => p.dev);
    assert.ok(dev.length > 0);
    assert.ok(dev.some((p) => p.name === 'astroid' && p.version === '2.5.2'));
  });
  it('invalid JSON throws', async () => {
    const fs = memFs({ 'Pipfile.lock': '{"default": {' });
    await assert.rejects(
      pipfileLockExtractor.extract(await extractInput(fs, 'Pipfile.lock')),
      /invalid Pipfile\.lock/,
    );
  });
});

describe('poetryLockExtractor against Syft', () => {
  it('TestParsePoetryLock: packages, index, dev category', async () => {
    const run = await runExtractor(poetryLockExtractor, syftFixture('python', 'testdata/poetry/dev-deps'));
    const want = functionLevel('TestParsePoetryLock').expectedPkgs as SyftPkg[];
    assert.deepEqual(
      run.packages.map((p) => [p.name, p.version, p.purl, p.metadata?.index]),
      want.map((w) => [w.Name, w.Version, w.PURL, w.Metadata.Index]),
    );
    assert.ok(run.packages.every((p) => p.dev === true));
  });
  for (const c of syftCases('python', 'Test_PackageCataloger_Relationships').filter((c) =>
    (c.case.name as string).startsWith('poetry'),
  )) {
    it(`Test_PackageCataloger_Relationships: ${c.case.name}`, async () => {
      const run = await runExtractor(poetryLockExtractor, syftFixture('python', c.case.fixture as string));
      // Syft links every requirement of every extra a package declares (dnspython → httpx via its
      // unused `doh` extra); we link an extra's requirements only when some package asks for that
      // extra. So ours is a subset of Syft's, and holds every plain [package.dependencies] edge.
      const syft = new Set(syftEdges(c.expectedRelationships as string[] | null));
      const ours = ourEdges(run.packages);
      assert.deepEqual(
        ours.filter((e) => !syft.has(e)),
        [],
      );
      assert.ok(ours.length >= syft.size / 2, `${ours.length} edges of Syft's ${syft.size}`);
    });
  }
  it('invalid TOML throws with a line number', async () => {
    const fs = memFs({ 'poetry.lock': '[[package]]\nname = "x\n' });
    await assert.rejects(
      poetryLockExtractor.extract(await extractInput(fs, 'poetry.lock')),
      /invalid poetry\.lock: TOML error at line/,
    );
  });
});

describe('uvLockExtractor against Syft', () => {
  it('TestParseUvLock: packages and edges; the project is kept, its dependencies direct', async () => {
    const run = await runExtractor(uvLockExtractor, syftFixture('python', 'testdata/uv/simple-deps'));
    const want = functionLevel('TestParseUvLock') as {
      expectedPkgs: SyftPkg[];
      expectedRelationships: { From: SyftPkg; To: SyftPkg }[];
    };
    assert.deepEqual(
      run.packages.map((p) => [p.name, p.version, p.purl]),
      want.expectedPkgs.map((w) => [w.Name, w.Version, w.PURL]),
    );
    assert.deepEqual(
      ourEdges(run.packages),
      want.expectedRelationships
        .map((r) => `${r.To.Name}@${r.To.Version} → ${r.From.Name}@${r.From.Version}`)
        .sort(),
    );
    const by = new Map(run.packages.map((p) => [p.name, p]));
    assert.equal(by.get('requests')?.direct, true);
    assert.equal(by.get('idna')?.direct, false);
    assert.equal(by.get('idna')?.dev, false);
    assert.equal(by.get('testpkg')?.direct, undefined);
  });
  for (const c of syftCases('python', 'Test_PackageCataloger_Relationships').filter((c) =>
    (c.case.name as string).startsWith('uv'),
  )) {
    it(`Test_PackageCataloger_Relationships: ${c.case.name}`, async () => {
      const run = await runExtractor(uvLockExtractor, syftFixture('python', c.case.fixture as string));
      assert.deepEqual(ourEdges(run.packages), syftEdges(c.expectedRelationships as string[] | null));
    });
  }
  it('invalid TOML throws', async () => {
    const fs = memFs({ 'uv.lock': 'version = = 1\n' });
    await assert.rejects(uvLockExtractor.extract(await extractInput(fs, 'uv.lock')), /invalid uv\.lock/);
  });
});
