import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../../src/core/tool-version.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';
import { versionVectors } from '../../src/test-support/version-vectors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A private advisory database, so scans never read or write the user's. */
const home = mkdtempSync(join(tmpdir(), 'bulwark-cli-home-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), ...args], {
    cwd: root,
    env: { ...process.env, BULWARK_HOME: home, BULWARK_DB: '' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bulwark CLI', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-'));
    await mkdir(join(dir, 'rootfs/var/lib/dpkg'), { recursive: true });
    await mkdir(join(dir, 'rootfs/etc'), { recursive: true });
    await writeFile(join(dir, 'rootfs/var/lib/dpkg/status'), await readFile('/var/lib/dpkg/status'));
    await writeFile(join(dir, 'rootfs/etc/os-release'), await readFile('/usr/lib/os-release'));
    // Scanning commands need a database; the KEV catalogue is the smallest real feed.
    const imported = cli('db', 'import', '--quiet', sharedData('vuln', 'kev'));
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it('--version matches package.json', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    assert.equal(TOOL_VERSION, pkg.version);
    const r = cli('--version');
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('sbom of a rootfs in every format; results on stdout, nothing on stderr when not a TTY', () => {
    for (const format of ['table', 'json', 'cyclonedx', 'spdx']) {
      const r = cli('sbom', join(dir, 'rootfs'), '--format', format);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      if (format === 'table') assert.match(r.stdout, /^NAME\s+VERSION/m);
      else JSON.parse(r.stdout);
    }
    const json = JSON.parse(cli('sbom', join(dir, 'rootfs'), '-f', 'json').stdout);
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.os.id, 'debian');
    assert.ok(json.packages.some((p: { name: string }) => p.name === 'dpkg'));
  });

  it('--output to a device writes through it and never replaces it', async () => {
    const r = cli('sbom', join(dir, 'rootfs'), '-f', 'json', '-o', '/dev/null');
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await stat('/dev/null')).isCharacterDevice(), '/dev/null is still a device');
  });

  it('repo: lockfiles of a checkout, VCS folders skipped', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, '.git/objects'), { recursive: true });
    await writeFile(join(repo, 'package-lock.json'), await readFile(join(root, 'package-lock.json')));
    await writeFile(join(repo, 'package.json'), await readFile(join(root, 'package.json')));
    await writeFile(join(repo, '.git/objects/package-lock.json'), '{ not json');
    const r = cli('repo', repo, '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.target.kind, 'repository');
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8'));
    const commander = lock.packages['node_modules/commander'].version;
    const pkg = json.packages.find((p: { name: string }) => p.name === 'commander');
    assert.equal(pkg.version, commander);
    assert.equal(pkg.direct, true);
    assert.deepEqual(json.errors, [], 'nothing under .git was read');
  });

  it('version compare: -1/0/1 per ecosystem, like dpkg --compare-versions', () => {
    for (const [eco, a, b, want] of [
      ['Debian:12', '1:1.0', '2.0', '1'],
      ['Debian', '2.0~rc1', '2.0', '-1'],
      ['Red Hat', '1.0^post', '1.0', '1'],
      ['Alpine:v3.18', '1.2.3_rc1-r0', '1.2.3-r0', '-1'],
      ['Maven', '1.0-SNAPSHOT', '1.0', '-1'],
      ['PyPI', '1.0.post1', '1.0', '1'],
      ['npm', '1.0.0', 'v1.0.0', '0'],
      ['Go', 'v0.0.0-20210101000000-abcdef123456', 'v0.1.0', '-1'],
    ] as const) {
      const r = cli('version', 'compare', '--ecosystem', eco, a, b);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${want}\n`, `${eco} ${a} ${b}`);
    }
  });

  it('version compare --batch over a real osv-scalibr vector file; a bad line is exit 2 with its number', () => {
    const rows = versionVectors('debian-versions.tsv');
    const input = rows.map((r) => `${r.a}\t${r.b}`).join('\n');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/run.ts'), 'version', 'compare', '-e', 'Debian', '--batch'],
      { cwd: root, input, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      r.stdout.trim().split('\n'),
      rows.map((x) => String(x.expected)),
    );
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/run.ts'), 'version', 'compare', '-e', 'Debian', '--batch'],
      { cwd: root, input: '1.0\t1.1\n1.0\tnot a version\n', encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '-1\n');
    assert.match(bad.stderr, /^bulwark: stdin line 2: invalid Debian version "not a version"/);
  });

  it('--output writes the file', async () => {
    const out = join(dir, 'sbom.cdx.json');
    const r = cli('sbom', join(dir, 'rootfs'), '-f', 'cyclonedx', '-o', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(await readFile(out, 'utf8')).bomFormat, 'CycloneDX');
  });

  for (const [args, message] of [
    [['sbom', '/nonexistent/image.tar'], /^bulwark: \/nonexistent\/image\.tar: no such file or directory\n$/],
    [['sbom', '--format', 'nope', '.'], /^bulwark: Unknown output format "nope"/],
    [['rootfs', '/etc/hostname'], /^bulwark: \/etc\/hostname: not a directory\n$/],
    [['image', 'bad@@ref'], /^bulwark: Invalid image reference "bad@@ref"/],
    [['image', '--platform', 'linux', 'x'], /--platform "linux": expected os\/arch/],
    [['image'], /missing required argument 'image'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ] as const) {
    it(`exit 2 with a one-line error: ${args.join(' ')}`, () => {
      const r = cli(...args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    });
  }
});
