import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { regularFiles } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { cargoLockExtractor } from './cargo-lock.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
interface SyftCrate {
  Name: string;
  Version: string;
  PURL?: string;
  Metadata: { Source?: string; Checksum?: string; Dependencies: string[] };
}
interface SyftExpected {
  expectedPkgs: SyftCrate[];
  expectedRelationships: { From: SyftCrate; To: SyftCrate }[];
}
function functionLevel(name: string): SyftExpected {
  const all = JSON.parse(readFileSync(syftFixture('rust', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: { go_test_func: string; expected: SyftExpected }[];
  };
  return all.function_level.find((f) => f.go_test_func === name)!.expected;
}
async function extractFixture(rel: string) {
  const text = readFileSync(syftFixture('rust', rel));
  return cargoLockExtractor.extract(await extractInput(memFs({ 'Cargo.lock': text }), 'Cargo.lock'));
}
const key = (name: string, version: string, source: string | undefined) =>
  `${name}@${version}#${source ?? ''}`;

function compare(packages: Package[], expected: SyftExpected) {
  assert.deepEqual(
    packages.map((p) => ({
      name: p.name,
      version: p.version,
      purl: p.purl,
      source: p.metadata?.source,
      checksum: p.metadata?.checksum,
      deps: p.metadata?.dependencies,
    })),
    expected.expectedPkgs.map((w) => ({
      name: w.Name,
      version: w.Version,
      purl: w.PURL ?? '',
      source: w.Metadata.Source,
      checksum: w.Metadata.Checksum,
      deps: w.Metadata.Dependencies,
    })),
  );
  const byId = new Map(packages.map((p) => [p.id, p]));
  const edges = new Set(
    packages.flatMap((p) =>
      (p.dependsOn ?? []).map((d) => {
        const dep = byId.get(d)!;
        return `${key(dep.name, dep.version, dep.metadata?.source as string)} -> ${key(p.name, p.version, p.metadata?.source as string)}`;
      }),
    ),
  );
  const want = new Set(
    expected.expectedRelationships.map(
      (r) =>
        `${key(r.From.Name, r.From.Version, r.From.Metadata.Source)} -> ${key(r.To.Name, r.To.Version, r.To.Metadata.Source)}`,
    ),
  );
  assert.deepEqual([...edges].sort(), [...want].sort());
}

describe('cargoLockExtractor.fileRequired', () => {
  it('Syft Test_CargoLockCataloger_Globs', async () => {
    const [c] = syftCases('rust', 'Test_CargoLockCataloger_Globs');
    // The fixture files are placeholders (not TOML): only the selection is compared.
    const files = regularFiles(syftFixture('rust', 'testdata/glob-paths'));
    assert.deepEqual(
      files.filter((f) => cargoLockExtractor.fileRequired(f, file)),
      c!.expected,
    );
  });
  it('not Cargo.toml', () => assert.equal(cargoLockExtractor.fileRequired('Cargo.toml', file), false));
});

describe('cargoLockExtractor against Syft', () => {
  it('TestParseCargoLock: packages, checksums, "name version" edges', async () => {
    const { packages, warnings } = await extractFixture('testdata/Cargo.lock');
    // The fixture has a dependency missing from the lock file on purpose (Syft ignores it too).
    assert.deepEqual(
      warnings?.map((w) => w.message),
      ['crate unicode-bidi 0.3.4: dependency "bogus" is not in the lock file'],
    );
    compare(packages, functionLevel('TestParseCargoLock'));
    const ansi = packages.find((p) => p.name === 'ansi_term')!;
    assert.deepEqual(ansi.hashes, [
      { alg: 'SHA-256', content: 'd52a9bb7ec0cf484c551830a7ce27bd20d67eac647e1befb56b0be4ee39a55d2' },
    ]);
    assert.equal(ansi.ecosystem, 'crates.io');
    assert.equal(ansi.direct, undefined, 'no workspace crate: direct is unknown');
  });

  it('TestCargoLockWithGitDependencies: the same name and version from git and crates.io stay apart', async () => {
    const { packages } = await extractFixture('testdata/Cargo.lock-with-git-deps');
    compare(packages, functionLevel('TestCargoLockWithGitDependencies'));
    const regex = packages.filter((p) => p.name === 'regex');
    assert.equal(regex.length, 2);
    assert.notEqual(regex[0]!.id, regex[1]!.id);
    const hello = packages.find((p) => p.name === 'hello_world')!;
    assert.equal(hello.ecosystem, undefined, 'a workspace crate is not a crates.io package');
    assert.equal(packages.find((p) => p.name === 'nom-regex')!.direct, true);
    assert.equal(packages.find((p) => p.name === 'memchr')!.direct, false);
  });

  it('TestCargoLockWithPathDependencies', async () => {
    const { packages } = await extractFixture('testdata/path-deps/Cargo.lock');
    compare(packages, functionLevel('TestCargoLockWithPathDependencies'));
  });
});

describe('cargoLockExtractor bad input', () => {
  it('invalid TOML throws a clear error', async () => {
    const fs = memFs({ 'Cargo.lock': '[[package]\nname = "x"\n' });
    await assert.rejects(
      cargoLockExtractor.extract(await extractInput(fs, 'Cargo.lock')),
      /Cargo\.lock is not valid TOML at line 1/,
    );
  });
  it('entries without a version and unknown dependencies are warnings', async () => {
    const fs = memFs({
      'Cargo.lock':
        '[[package]]\nname = "a"\n\n[[package]]\nname = "b"\nversion = "1.0.0"\ndependencies = ["zzz"]\n',
    });
    const { packages, warnings } = await cargoLockExtractor.extract(await extractInput(fs, 'Cargo.lock'));
    assert.deepEqual(
      packages.map((p) => p.name),
      ['b'],
    );
    assert.deepEqual(
      warnings!.map((w) => w.message),
      ['[[package]] #1 has no name or version', 'crate b 1.0.0: dependency "zzz" is not in the lock file'],
    );
  });
});
