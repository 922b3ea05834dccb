import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { regularFiles } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { classifierExtractor } from './classifier.ts';

const file: FileStat = { type: 'file', size: 1000, mode: 0o755 };

async function classify(path: string, bytes: Uint8Array) {
  const stat = { ...file, size: bytes.length };
  if (!classifierExtractor.fileRequired(path, stat)) return undefined;
  const inv = await classifierExtractor.extract({
    path,
    stat,
    read: async () => bytes,
    fs: memFs({}),
    os: undefined,
    signal: new AbortController().signal,
  });
  return inv.packages;
}

/** Syft snippets: a small YAML-ish header, then the bytes cut from the real binary. */
function snippetBytes(path: string): Uint8Array {
  const raw = readFileSync(path);
  const marker = Buffer.from('### byte snippet to follow ###\n');
  const at = raw.indexOf(marker);
  return at < 0 ? raw : raw.subarray(at + marker.length);
}

const OURS = /^(python[^/]*|openssl|aws-lc|busybox|node|nginx|nginx-openresty|redis-server)\//;

describe('classifierExtractor against Syft Test_Cataloger_PositiveCases snippets', () => {
  const cases = syftCases('binary', 'Test_Cataloger_PositiveCases').filter((c) =>
    OURS.test((c.case as { logicalFixture: string }).logicalFixture),
  );
  it('covers the classifiers we have', () => assert.ok(cases.length >= 20, `${cases.length}`));
  for (const c of cases) {
    const fixture = (c.case as { logicalFixture: string }).logicalFixture;
    const expected = c.expected as {
      Name: string;
      Version: string;
      PURL: string;
      Locations: { args: string[] };
    };
    const dir = `fixtures/syft/syft/pkg/cataloger/binary/testdata/classifiers/snippets/${fixture}`;
    const root = syftFixture('binary', `testdata/classifiers/snippets`);
    const present = existsSync(`${root}/${fixture}`);
    // Fixtures that are full binaries downloaded from images (not snippets) are not in shared/.
    it(`${fixture} → ${expected.PURL}`, { skip: present ? false : `${dir} is not a snippet` }, async () => {
      for (const loc of expected.Locations.args) {
        if (/^VERSION|patchlevel/.test(loc)) continue;
        // Syft reached busybox's `[` through the `busybox` symlink; the walk hands us the link's name.
        const path = `usr/bin/${loc === '[' ? 'busybox' : loc}`;
        const packages = await classify(path, snippetBytes(`${root}/${fixture}/${loc}`));
        assert.ok(packages, `${loc} is required`);
        assert.deepEqual(
          packages.map((p) => [p.name, p.version, p.purl]),
          [[expected.Name, expected.Version, expected.PURL]],
          loc,
        );
        assert.equal(packages[0]!.hashes?.[0]?.alg, 'SHA-256');
      }
    });
  }

  it('the aws-lc openssl snippet is aws-lc only (branching group)', async () => {
    const root = syftFixture('binary', 'testdata/classifiers/snippets/aws-lc/1.69.0');
    const [loc] = regularFiles(root);
    const packages = await classify('usr/bin/openssl', snippetBytes(`${root}/${loc}`));
    assert.deepEqual(
      packages?.map((p) => p.purl),
      ['pkg:generic/aws-lc@1.69.0'],
    );
  });
});

describe('classifierExtractor negative cases (Syft testdata/classifiers/negative)', () => {
  const root = syftFixture('binary', 'testdata/classifiers/negative');
  for (const f of regularFiles(root)) {
    it(f, async () => {
      const packages = await classify(
        `usr/bin/${f.slice(f.lastIndexOf('/') + 1)}`,
        readFileSync(`${root}/${f}`),
      );
      assert.deepEqual(packages ?? [], []);
    });
  }
  it('fileRequired looks at base names only', () => {
    assert.equal(classifierExtractor.fileRequired('usr/bin/python3.11', file), true);
    assert.equal(
      classifierExtractor.fileRequired('usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0', file),
      true,
    );
    assert.equal(classifierExtractor.fileRequired('usr/share/doc/python3.11/README', file), false);
    assert.equal(classifierExtractor.fileRequired('usr/bin/node', { ...file, type: 'dir' }), false);
  });
});

/** Real programs on this machine (Debian packages runc, containerd, redis-server, openssl, python3.11, nodejs). */
describe('classifierExtractor on real programs, checked against their own --version', () => {
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
  const table: [string, string, () => string][] = [
    [
      '/usr/sbin/runc',
      'pkg:golang/github.com/opencontainers/runc',
      () => /runc version (\d+\.\d+\.\d+)/.exec(run('/usr/sbin/runc', ['--version']))![1]!,
    ],
    [
      '/usr/bin/containerd',
      'pkg:golang/github.com/containerd/containerd',
      () => / (\d+\.\d+\.\d+)~ds1 /.exec(run('/usr/bin/containerd', ['--version']))![1]!,
    ],
    [
      '/usr/bin/openssl',
      'pkg:generic/openssl',
      () => /^OpenSSL (\S+)/.exec(run('/usr/bin/openssl', ['version']))![1]!,
    ],
    [
      '/usr/bin/python3.11',
      'pkg:generic/python',
      () => /^Python (\S+)/.exec(run('/usr/bin/python3.11', ['--version']))![1]!,
    ],
    ['/usr/bin/node', 'pkg:generic/node', () => run('/usr/bin/node', ['--version']).trim().slice(1)],
    [
      '/usr/bin/redis-check-rdb',
      'pkg:generic/redis',
      () => /v=(\S+)/.exec(run('/usr/bin/redis-server', ['--version']))![1]!,
    ],
  ];
  for (const [path, purl, version] of table) {
    it(`${path}`, async () => {
      const packages = await classify(path.slice(1), readFileSync(path));
      const v = version();
      const want = purl.startsWith('pkg:golang/') ? `${purl}@v${v}` : `${purl}@${v}`;
      assert.deepEqual(
        packages?.map((p) => p.purl),
        [want],
      );
      if (purl.startsWith('pkg:golang/')) {
        assert.equal(packages![0]!.ecosystem, 'Go');
        assert.match(
          String((packages![0]!.metadata!.cpes as string[])[0]),
          new RegExp(`:${v.replace(/\./g, '\\.')}:`),
        );
      }
    });
  }

  it('a Go program with no version anywhere gives nothing, and non-ELF "runc" too', async () => {
    assert.deepEqual(await classify('usr/bin/runc', new TextEncoder().encode('#!/bin/sh\nexec true\n')), []);
  });
});
