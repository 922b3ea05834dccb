import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../core/package.ts';
import type { FileStat } from '../../core/readonly-fs.ts';
import { extractInput } from '../../test-support/extract-input.ts';
import { memFs } from '../../test-support/mem-fs.ts';
import { syftCases, syftFixture } from '../../test-support/syft-expected.ts';
import { depsJsonExtractor } from './deps-json/deps-json.ts';
import { packagesLockExtractor } from './packages-lock/packages-lock.ts';

const file: FileStat = { type: 'file', size: 100, mode: 0o644 };
interface SyftPkg {
  Name: string;
  Version: string;
  PURL: string;
  Metadata: { Sha512?: string; ContentHash?: string; Type?: string };
}
interface Expected {
  expectedPkgs: SyftPkg[];
  expectedRelationships: { From: SyftPkg; To: SyftPkg }[];
}
function functionLevel(name: string): Expected {
  const all = JSON.parse(readFileSync(syftFixture('dotnet', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: { go_test_func: string; expected: Expected }[];
  };
  return all.function_level.find((f) => f.go_test_func === name)!.expected;
}
const key = (x: unknown[]) => x.join(' ');
const sorted = <T extends unknown[]>(rows: T[]) => rows.sort((a, b) => key(a).localeCompare(key(b)));
const edges = (pkgs: Package[]) =>
  pkgs
    .flatMap((p) =>
      (p.dependsOn ?? []).map((to) => `${p.name}@${p.version} → ${pkgs.find((q) => q.id === to)!.name}`),
    )
    .sort();
const syftEdges = (e: Expected) =>
  e.expectedRelationships.map((r) => `${r.To.Name}@${r.To.Version} → ${r.From.Name}`).sort();
const b64hex = (s: string) => Buffer.from(s.replace(/^sha512-/, ''), 'base64').toString('hex');

describe('dotnet fileRequired', () => {
  it('Syft TestCataloger_Globs (deps.json)', () => {
    const c = syftCases('dotnet', 'TestCataloger_Globs').find(
      (c) => c.case.name === 'obtain deps.json files',
    )!;
    for (const p of c.expected as string[]) assert.ok(depsJsonExtractor.fileRequired(p, file), p);
    assert.ok(!depsJsonExtractor.fileRequired('src/something.dll', file));
    assert.ok(packagesLockExtractor.fileRequired('src/packages.lock.json', file));
  });
});

describe('packagesLockExtractor against Syft TestParseDotnetPackagesLock', () => {
  it('packages per resolved version, direct flag, contentHash, edges', async () => {
    const fs = memFs({
      'packages.lock.json': readFileSync(syftFixture('dotnet', 'testdata/packages.lock.json')),
    });
    const { packages } = await packagesLockExtractor.extract(await extractInput(fs, 'packages.lock.json'));
    const want = functionLevel('TestParseDotnetPackagesLock');
    assert.deepEqual(
      sorted(packages.map((p) => [p.name, p.version, p.purl, p.direct, p.hashes?.[0]?.content])),
      sorted(
        want.expectedPkgs.map((w) => [
          w.Name,
          w.Version,
          w.PURL,
          w.Metadata.Type === 'Direct',
          b64hex(w.Metadata.ContentHash!),
        ]),
      ),
    );
    assert.deepEqual(edges(packages), syftEdges(want));
    assert.ok(packages.every((p) => p.ecosystem === 'NuGet'));
  });
  it('no dependencies object, or bad JSON, throws', async () => {
    const fs = memFs({ 'a/packages.lock.json': '{"version": 1}', 'b/packages.lock.json': '{' });
    await assert.rejects(
      packagesLockExtractor.extract(await extractInput(fs, 'a/packages.lock.json')),
      /no "dependencies"/,
    );
    await assert.rejects(
      packagesLockExtractor.extract(await extractInput(fs, 'b/packages.lock.json')),
      /invalid packages\.lock\.json/,
    );
  });
});

describe('depsJsonExtractor against Syft TestParseDotnetDeps', () => {
  it('packages and projects, sha512, edges; the app’s dependencies are direct', async () => {
    const path = 'app/TestLibrary.deps.json';
    const fs = memFs({
      [path]: readFileSync(syftFixture('dotnet', 'testdata/dir-example-1/TestLibrary.deps.json')),
    });
    const { packages } = await depsJsonExtractor.extract(await extractInput(fs, path));
    const want = functionLevel('TestParseDotnetDeps');
    assert.deepEqual(
      sorted(
        packages.map((p) => [p.name, p.version, p.purl, p.metadata?.libraryType, p.hashes?.[0]?.content]),
      ),
      sorted(
        want.expectedPkgs.map((w) => [
          w.Name,
          w.Version,
          w.PURL,
          w.Metadata.Type,
          w.Metadata.Sha512 ? b64hex(w.Metadata.Sha512) : undefined,
        ]),
      ),
    );
    assert.deepEqual(edges(packages), syftEdges(want));
    const by = new Map(packages.map((p) => [p.name, p]));
    assert.equal(by.get('Serilog')?.direct, true);
    assert.equal(by.get('Microsoft.Extensions.Primitives')?.direct, false);
    assert.equal(by.get('TestLibrary')?.direct, undefined);
  });
  it('reference assemblies are not packages', async () => {
    const path = 'MyApp.deps.json';
    const fs = memFs({
      [path]: readFileSync(syftFixture('dotnet', 'testdata/deps-with-referenceassembly/MyApp.deps.json')),
    });
    const { packages } = await depsJsonExtractor.extract(await extractInput(fs, path));
    assert.ok(packages.every((p) => p.metadata?.libraryType !== 'referenceassembly'));
    assert.ok(packages.length > 0);
  });
  it('no libraries object throws', async () => {
    const fs = memFs({ 'x.deps.json': '{"targets": {}}' });
    await assert.rejects(depsJsonExtractor.extract(await extractInput(fs, 'x.deps.json')), /no "libraries"/);
  });
});
