import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanTarget } from '../../src/cli/scan-target.ts';
import type { Package } from '../../src/core/package.ts';
import type { ScanResult } from '../../src/core/scan-result.ts';
import { encodeCycloneDx } from '../../src/report/cyclonedx.ts';
import { type BuiltImage, imageFromRootfs } from '../support/image-builder.ts';
import { runTool } from '../support/run-tool.ts';

const hex = (alg: string, data: Buffer) => createHash(alg).update(data).digest('hex');

/**
 * Issue 3's "done when": an image with a Spring Boot-style fat jar holding log4j-core, a Go-built
 * runc and a node_modules tree, all real (Debian's liblog4j2-java and runc, npm's own packages
 * installed offline from the npm cache). log4j-core is 2.19.0, the version Debian ships: 2.14.1 is
 * not obtainable from the registries this project may use.
 */
describe('an application image: fat jar, Go binary, node_modules', () => {
  let work: string;
  let img: BuiltImage;
  let result: ScanResult;
  let log4jBytes: Buffer;
  let runcBytes: Buffer;
  const find = (pred: (p: Package) => boolean, what: string): Package => {
    const hit = result.packages.find(pred);
    assert.ok(hit, `${what} not found in ${result.packages.map((p) => p.name).join(', ')}`);
    return hit;
  };

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-app-'));
    const rootfs = join(work, 'rootfs');
    // The fat jar: a Spring Boot layout with real jars stored (not compressed) in BOOT-INF/lib.
    const boot = join(work, 'boot');
    await mkdir(join(boot, 'BOOT-INF/lib'), { recursive: true });
    await mkdir(join(boot, 'META-INF'), { recursive: true });
    log4jBytes = await readFile(await realpath('/usr/share/java/log4j-core.jar'));
    await writeFile(join(boot, 'BOOT-INF/lib/log4j-core-2.19.0.jar'), log4jBytes);
    await copyFile(
      await realpath('/usr/share/java/log4j-api.jar'),
      join(boot, 'BOOT-INF/lib/log4j-api-2.19.0.jar'),
    );
    await writeFile(
      join(boot, 'META-INF/MANIFEST.MF'),
      'Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.JarLauncher\r\nStart-Class: com.example.DemoApplication\r\nImplementation-Title: demo-app\r\nImplementation-Version: 0.0.1\r\n\r\n',
    );
    await mkdir(join(rootfs, 'app'), { recursive: true });
    await runTool('zip', ['-q', '-r', '-0', join(rootfs, 'app/demo-app-0.0.1.jar'), 'META-INF', 'BOOT-INF'], {
      cwd: boot,
    });
    // A Go-built runc where Debian does not own it (no dpkg database in this image).
    await mkdir(join(rootfs, 'usr/local/bin'), { recursive: true });
    runcBytes = await readFile('/usr/sbin/runc');
    await writeFile(join(rootfs, 'usr/local/bin/runc'), runcBytes, { mode: 0o755 });
    // A node_modules tree and its lockfile, installed by npm, from its cache where it can (npm ci
    // caches tarballs but not the registry metadata a lockfile-less install needs, so a fresh
    // machine asks the registry for that).
    const web = join(rootfs, 'app/web');
    await mkdir(web, { recursive: true });
    await writeFile(
      join(web, 'package.json'),
      JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { 'spdx-correct': '3.2.0' } }),
    );
    await runTool('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: web,
    });
    img = await imageFromRootfs(rootfs, { tag: 'app' });
    result = await scanTarget(
      `${img.layout}:app`,
      'image',
      { platform: 'linux/amd64', quiet: true },
      AbortSignal.timeout(120_000),
    );
  });
  after(async () => {
    await img?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('log4j-core inside the fat jar: version, purl, hashes, JndiLookup, contained by the app', () => {
    const log4j = find((p) => p.name === 'log4j-core', 'log4j-core');
    assert.equal(log4j.version, '2.19.0');
    assert.equal(log4j.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0');
    assert.equal(log4j.ecosystem, 'Maven');
    assert.deepEqual(log4j.hashes?.map((h) => [h.alg, h.content]).sort(), [
      ['SHA-1', hex('sha1', log4jBytes)],
      ['SHA-256', hex('sha256', log4jBytes)],
    ]);
    assert.equal(log4j.metadata?.jndiLookupPresent, true);
    assert.equal(log4j.locations[0]?.path, 'app/demo-app-0.0.1.jar');
    const app = find((p) => p.name === 'demo-app', 'the app jar');
    assert.ok(
      result.relationships.some((r) => r.type === 'contains' && r.from === app.id && r.to === log4j.id),
      'the app jar contains log4j-core',
    );
  });

  it('runc from its Go build info and version string, with its SHA-256 and stdlib edge', () => {
    const version = /runc version (\d+\.\d+\.\d+)/.exec(
      execFileSync('/usr/sbin/runc', ['--version'], { encoding: 'utf8' }),
    )![1];
    const runc = find((p) => p.name === 'github.com/opencontainers/runc', 'runc');
    assert.equal(runc.version, `v${version}`);
    assert.equal(runc.purl, `pkg:golang/github.com/opencontainers/runc@v${version}`);
    assert.ok(runc.hashes?.some((h) => h.alg === 'SHA-256' && h.content === hex('sha256', runcBytes)));
    const stdlib = find(
      (p) => p.name === 'stdlib' && p.locations[0]?.path === 'usr/local/bin/runc',
      'stdlib',
    );
    assert.ok(result.relationships.some((r) => r.from === runc.id && r.to === stdlib.id));
    assert.equal(
      result.packages.filter((p) => p.locations[0]?.path === 'usr/local/bin/runc' && p.name.endsWith('runc'))
        .length,
      1,
    );
  });

  it('node_modules: versions, purls, integrity hashes, direct flag and dependency edges', () => {
    const lock = JSON.parse(
      execFileSync('cat', [join(work, 'rootfs/app/web/package-lock.json')], { encoding: 'utf8' }),
    );
    const fromLock = (p: Package) => p.foundBy === 'javascript/package-lock';
    for (const [path, entry] of Object.entries(lock.packages as Record<string, { version?: string }>)) {
      if (!path) continue;
      const name = path.replace(/^.*node_modules\//, '');
      const pkg = find((p) => fromLock(p) && p.name === name, name);
      assert.equal(pkg.version, entry.version);
      assert.equal(pkg.purl, `pkg:npm/${name}@${entry.version}`);
      assert.ok(
        pkg.hashes?.some((h) => h.alg === 'SHA-512'),
        `${name} has its integrity hash`,
      );
      assert.ok(
        result.packages.some(
          (p) => p.foundBy === 'javascript/node-modules' && p.name === name && p.version === entry.version,
        ),
        `${name} is also found installed`,
      );
    }
    const correct = find((p) => fromLock(p) && p.name === 'spdx-correct', 'spdx-correct');
    assert.equal(correct.direct, true);
    const deps = result.relationships
      .filter((r) => r.from === correct.id)
      .map((r) => result.packages.find((p) => p.id === r.to)?.name)
      .sort();
    assert.deepEqual(deps, ['spdx-expression-parse', 'spdx-license-ids']);
    // The installed tree says the same on its own (Node's resolution over the package.json files).
    const installed = find(
      (p) => p.foundBy === 'javascript/node-modules' && p.name === 'spdx-correct',
      'installed',
    );
    const installedDeps = result.relationships
      .filter((r) => r.from === installed.id)
      .map((r) => result.packages.find((p) => p.id === r.to)?.name)
      .sort();
    assert.deepEqual(installedDeps, ['spdx-expression-parse', 'spdx-license-ids']);
  });

  it('the CycloneDX SBOM carries the hashes and the edges', () => {
    const bom = JSON.parse(encodeCycloneDx(result));
    const log4j = bom.components.find((c: { name: string }) => c.name === 'log4j-core');
    assert.ok(log4j.hashes.some((h: { alg: string }) => h.alg === 'SHA-1'));
    assert.ok(bom.dependencies.some((d: { dependsOn?: string[] }) => (d.dependsOn ?? []).length > 0));
    assert.deepEqual(result.errors, []);
  });
});
