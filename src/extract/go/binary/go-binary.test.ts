import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { buildElf } from '../../../test-support/build-elf.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { readElf } from '../../binary/elf/read-elf.ts';
import { goBinaryExtractor } from './go-binary.ts';
import { readGoBuildInfo } from './read-go-buildinfo.ts';

// Real Go programs from Debian packages: runc, containerd (apt-get install runc containerd) and skopeo.
const RUNC = '/usr/sbin/runc';
const CONTAINERD = '/usr/bin/containerd';
const SKOPEO = '/usr/bin/skopeo';
const exe: FileStat = { type: 'file', size: 10_000_000, mode: 0o755 };

async function extract(path: string, bytes: Uint8Array) {
  return goBinaryExtractor.extract({
    path,
    stat: { ...exe, size: bytes.length },
    read: async () => bytes,
    fs: memFs({}),
    os: undefined,
    signal: new AbortController().signal,
  });
}
const testdata = (name: string) => readFileSync(new URL(`testdata/${name}`, import.meta.url));
const byName = (ps: Package[], name: string) => ps.find((p) => p.name === name);

describe('goBinaryExtractor.fileRequired', () => {
  const table: [string, FileStat, boolean][] = [
    ['usr/sbin/runc', exe, true],
    ['opt/app/server', exe, true],
    ['usr/local/bin/app', { ...exe, mode: 0o644 }, true],
    ['usr/lib/libfoo.so.1', { ...exe, mode: 0o644 }, false],
    ['usr/share/doc/README', { ...exe, mode: 0o644 }, false],
    ['usr/bin/script.sh', exe, false],
    ['usr/bin/tiny', { ...exe, size: 10 }, false],
    ['usr/bin', { ...exe, type: 'dir' }, false],
  ];
  for (const [path, stat, want] of table)
    it(`${path} (${stat.mode.toString(8)}) → ${want}`, () =>
      assert.equal(goBinaryExtractor.fileRequired(path, stat), want));
  it('is selfContained', () => assert.equal(goBinaryExtractor.selfContained, true));
});

describe('goBinaryExtractor on real Debian Go programs', () => {
  for (const [path, mainPath] of [
    [RUNC, 'github.com/opencontainers/runc'],
    [CONTAINERD, 'github.com/containerd/containerd/cmd/containerd'],
    [SKOPEO, 'github.com/containers/skopeo/cmd/skopeo'],
  ] as const) {
    it(`${path}: main package path and stdlib (GOPATH build, no module versions)`, async () => {
      const bytes = readFileSync(path);
      const { packages, warnings } = await extract(path.slice(1), bytes);
      assert.equal(warnings, undefined);
      const main = byName(packages, mainPath)!;
      assert.equal(main.version, '', 'Syft: a path without a main module has no version');
      assert.equal(main.purl, `pkg:golang/${mainPath}`);
      assert.equal(main.ecosystem, 'Go');
      assert.equal(main.hashes?.[0]?.alg, 'SHA-256');
      const settings = main.metadata?.buildSettings as { key: string; value: string }[];
      assert.ok(settings.some((s) => s.key === 'GOOS' && s.value === 'linux'));
      assert.equal(main.metadata?.architecture, 'amd64');
      const stdlib = byName(packages, 'stdlib')!;
      assert.deepEqual(main.dependsOn, [stdlib.id]);
      assert.equal(stdlib.purl, `pkg:golang/stdlib@${stdlib.version}`);
      assert.deepEqual(stdlib.licenses, ['BSD-3-Clause']);
      if (path === RUNC) {
        // runc --version prints the Go toolchain it was built with ("go: go1.19.8").
        const out = execFileSync(RUNC, ['--version'], { encoding: 'utf8' });
        assert.equal(`go${stdlib.version}`, /^go: (go\S+)$/m.exec(out)![1]);
      }
    });
  }

  it('a truncated Go binary is a warning, not a crash', async () => {
    const bytes = readFileSync(RUNC);
    const { packages, warnings } = await extract('usr/sbin/runc', bytes.subarray(0, bytes.length / 2));
    assert.deepEqual(packages, []);
    assert.match(warnings![0]!.message, /cannot read Go build info: .*beyond the end of the file/);
  });

  it('non-ELF files give nothing', async () => {
    const { packages, warnings } = await extract(
      'usr/bin/x',
      new TextEncoder().encode('#!/bin/sh\n'.repeat(20)),
    );
    assert.deepEqual(packages, []);
    assert.equal(warnings, undefined);
  });
});

describe('goBinaryExtractor on real build info (inline format, Go ≥ 1.18)', () => {
  it('terraform 1.11.4: deps with h1 sums, local replacements, stdlib', async () => {
    const elf = buildElf([{ name: '.go.buildinfo', data: testdata('terraform-1.11.4.go-buildinfo') }]);
    const { packages } = await extract('usr/local/bin/terraform', elf);
    const main = byName(packages, 'github.com/hashicorp/terraform')!;
    assert.equal(main.version, '', '(devel) without ldflags or vcs settings');
    assert.equal(main.metadata?.goCompiledVersion, 'go1.23.3');
    const hcl = byName(packages, 'github.com/hashicorp/hcl/v2')!;
    assert.equal(hcl.version, 'v2.23.0');
    assert.equal(hcl.purl, 'pkg:golang/github.com/hashicorp/hcl/v2@v2.23.0');
    assert.equal(hcl.metadata?.h1Digest, 'h1:Fphj1/gCylPxHutVSEOf2fBOh1VE4AuLV7+kbJf3qos=');
    assert.equal(hcl.metadata?.mainModule, 'github.com/hashicorp/terraform');
    assert.equal(hcl.hashes, undefined, 'h1 is a module tree hash, not the artifact: metadata only');
    assert.ok(packages.length > 200);
    assert.equal(new Set(packages.map((p) => p.id)).size, packages.length, 'ids are unique');
    assert.equal(main.dependsOn!.length, packages.length - 1);
    // A local-folder replacement keeps the module path, with no version (as in Syft).
    const azure = packages.find((p) => p.metadata?.replaces !== undefined)!;
    assert.equal(azure.version, '');
    assert.equal(byName(packages, 'stdlib')!.version, '1.23.3');
  });

  it('kubectl 1.27.16: (devel) main module gets the VCS pseudo-version', async () => {
    const elf = buildElf([{ name: '.go.buildinfo', data: testdata('kubectl-1.27.16.go-buildinfo') }]);
    const { packages } = await extract('usr/bin/kubectl', elf);
    const main = byName(packages, 'k8s.io/kubernetes')!;
    assert.equal(main.version, 'v0.0.0-20240717014424-cbb86e0d7f4a');
    assert.equal(main.purl, 'pkg:golang/k8s.io/kubernetes@v0.0.0-20240717014424-cbb86e0d7f4a');
  });

  it('a corrupt build-info section is a clear warning', async () => {
    const data = new Uint8Array(testdata('terraform-1.11.4.go-buildinfo').subarray(0, 200));
    const { packages, warnings } = await extract('x', buildElf([{ name: '.go.buildinfo', data }]));
    assert.deepEqual(packages, []);
    assert.match(warnings![0]!.message, /string of \d+ bytes runs past the end/);
    const garbage = buildElf([{ name: '.go.buildinfo', data: new Uint8Array(64).fill(7) }]);
    assert.match(
      (await extract('x', garbage)).warnings![0]!.message,
      /does not start with the Go build info magic/,
    );
  });
});

describe('readGoBuildInfo: pointer format (Go < 1.18) and magic search', () => {
  // runc's real version and module info strings, laid out the way the old linker did: the header
  // points at two Go string headers {data pointer, length} in .data, which point into .rodata.
  const realRunc = readGoBuildInfo(readElf(readFileSync(RUNC))!)!;
  const enc = new TextEncoder();
  const version = enc.encode(realRunc.goVersion);
  const sentinelStart = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
  const sentinelEnd = Buffer.from('f932433186182072008242104116d8f2', 'hex');
  const mod = new Uint8Array([...sentinelStart, ...enc.encode(realRunc.modinfo), ...sentinelEnd]);
  const RODATA = 0x500000;
  const DATA = 0x600000;
  const rodata = new Uint8Array([...version, ...mod]);
  const strings = new Uint8Array(32);
  const sv = new DataView(strings.buffer);
  sv.setBigUint64(0, BigInt(RODATA), true);
  sv.setBigUint64(8, BigInt(version.length), true);
  sv.setBigUint64(16, BigInt(RODATA + version.length), true);
  sv.setBigUint64(24, BigInt(mod.length), true);
  const header = new Uint8Array(32);
  header.set([0xff, ...enc.encode(' Go buildinf:')]);
  header[14] = 8;
  header[15] = 0;
  const hv = new DataView(header.buffer);
  hv.setBigUint64(16, BigInt(DATA), true);
  hv.setBigUint64(24, BigInt(DATA + 16), true);

  it('follows the pointers through the PT_LOAD segments', () => {
    const elf = buildElf([
      { name: '.rodata', data: rodata, addr: RODATA, flags: 2 },
      { name: '.data', data: strings, addr: DATA },
      { name: '.go.buildinfo', data: header, addr: 0x700000 },
    ]);
    assert.deepEqual(readGoBuildInfo(readElf(elf)!), realRunc);
  });

  it('finds the magic in a writable section when there is no .go.buildinfo section', () => {
    const padded = new Uint8Array([...new Uint8Array(48), ...header]);
    const elf = buildElf([
      { name: '.rodata', data: rodata, addr: RODATA, flags: 2 },
      { name: '.data', data: strings, addr: DATA },
      { name: '.noptrdata', data: padded, addr: 0x700000 },
    ]);
    assert.deepEqual(readGoBuildInfo(readElf(elf)!), realRunc);
  });

  it('a pointer outside the file is an error', () => {
    const elf = buildElf([{ name: '.go.buildinfo', data: header, addr: 0x700000 }]);
    assert.throws(() => readGoBuildInfo(readElf(elf)!), /is not in the file/);
  });
});
