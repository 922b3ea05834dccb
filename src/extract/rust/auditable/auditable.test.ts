import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { buildElf } from '../../../test-support/build-elf.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { regularFiles } from '../../../test-support/run-extractor.ts';
import { syftFixture } from '../../../test-support/syft-expected.ts';
import { parseCargoLock } from '../cargo-lock/parse-cargo-lock.ts';
import { auditableExtractor } from './auditable.ts';

const exe: FileStat = { type: 'file', size: 100_000, mode: 0o755 };

/**
 * The .dep-v0 JSON cargo-auditable writes for Syft's image-audit project (hello_world, whose
 * Dockerfile builds it with cargo-auditable), derived from that project's real Cargo.lock:
 * crates sorted by name, dependencies as indices, the workspace crate `local` and `root`.
 */
function auditJsonFromLock(): string {
  const lock = parseCargoLock(readFileSync(syftFixture('rust', 'testdata/image-audit/Cargo.lock'), 'utf8'));
  const crates = [...lock.packages].sort((a, b) => a.name.localeCompare(b.name));
  const index = new Map(crates.map((c, i) => [c.name, i]));
  return JSON.stringify({
    packages: crates.map((c) => ({
      name: c.name,
      version: c.version,
      source: c.source ? 'crates.io' : 'local',
      ...(c.dependencies.length > 0
        ? { dependencies: c.dependencies.map((d) => index.get(d.split(' ')[0]!)!) }
        : {}),
      ...(c.source ? {} : { root: true }),
    })),
  });
}

async function extract(bytes: Uint8Array) {
  return auditableExtractor.extract({
    path: 'usr/local/bin/hello_world',
    stat: { ...exe, size: bytes.length },
    read: async () => bytes,
    fs: memFs({}),
    os: undefined,
    signal: new AbortController().signal,
  });
}

describe('auditableExtractor', () => {
  it('Syft TestNewAuditBinaryCataloger: crates, purls, edges', async () => {
    const elf = buildElf([{ name: '.dep-v0', data: deflateSync(auditJsonFromLock()), flags: 0 }]);
    const { packages } = await extract(elf);
    assert.deepEqual(
      packages.map((p) => p.purl),
      [
        'pkg:cargo/argh@0.1.12',
        'pkg:cargo/argh_derive@0.1.12',
        'pkg:cargo/argh_shared@0.1.12',
        'pkg:cargo/hello_world@0.1.0',
        'pkg:cargo/proc-macro2@1.0.92',
        'pkg:cargo/quote@1.0.37',
        'pkg:cargo/serde@1.0.215',
        'pkg:cargo/serde_derive@1.0.215',
        'pkg:cargo/syn@2.0.90',
        'pkg:cargo/unicode-ident@1.0.14',
      ],
    );
    const byName = new Map(packages.map((p) => [p.name, p]));
    const hello = byName.get('hello_world')!;
    assert.deepEqual(hello.dependsOn, [byName.get('argh')!.id]);
    assert.equal(hello.ecosystem, undefined, 'the local root crate is not a crates.io package');
    assert.equal(hello.hashes?.[0]?.alg, 'SHA-256');
    assert.equal(byName.get('serde')!.ecosystem, 'crates.io');
    assert.deepEqual(byName.get('argh_derive')!.dependsOn, [
      byName.get('argh_shared')!.id,
      byName.get('proc-macro2')!.id,
      byName.get('quote')!.id,
      byName.get('syn')!.id,
    ]);
  });

  it('programs without .dep-v0 (a real Go binary) give nothing', async () => {
    const { packages, warnings } = await extract(readFileSync('/usr/sbin/runc'));
    assert.deepEqual(packages, []);
    assert.equal(warnings, undefined);
  });

  it('Syft Test_corruptAuditBinary / globs: the partial binary is not ELF', async () => {
    const root = syftFixture('rust', 'testdata/glob-paths');
    const bytes = readFileSync(`${root}/partial-binary`);
    assert.deepEqual((await extract(bytes)).packages, []);
    // Syft selects it by MIME type; we select by mode and place, and it is mode 0444 outside a bin folder.
    assert.deepEqual(
      regularFiles(root).filter((f) => auditableExtractor.fileRequired(f, { ...exe, size: 5, mode: 0o444 })),
      [],
    );
  });

  it('corrupt section data is a warning', async () => {
    const notZlib = await extract(buildElf([{ name: '.dep-v0', data: new Uint8Array([1, 2, 3]) }]));
    assert.match(notZlib.warnings![0]!.message, /cannot be inflated/);
    const notJson = await extract(buildElf([{ name: '.dep-v0', data: deflateSync('{"packages": [') }]));
    assert.match(notJson.warnings![0]!.message, /is not JSON/);
    const bomb = await extract(
      buildElf([{ name: '.dep-v0', data: deflateSync(Buffer.alloc(64 * 1024 * 1024)) }]),
    );
    assert.match(bomb.warnings![0]!.message, /cannot be inflated/);
  });
});
