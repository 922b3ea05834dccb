import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { syftFixture } from '../../../test-support/syft-expected.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.ts';
import { javaArchive, javaArchiveExtractor } from './java-archive.ts';
import { storeZip } from './store-zip.ts';

// Real jars from Debian packages: liblog4j2-java (log4j-core 2.19.0), libguava-java,
// libcommons-io-java, libcommons-cli-java. The `zip` and `jar` (JDK) tools build the fat jars.
const JAVA = '/usr/share/java';
function realJar(name: string): string {
  const path = join(JAVA, name);
  if (!existsSync(path))
    throw new Error(`this test needs ${path} (Debian package: see the comment at the top of this file)`);
  return path;
}
const LOG4J = realJar('log4j-core.jar');
const GUAVA = realJar('guava.jar');
const COMMONS_IO = realJar('commons-io.jar');
const COMMONS_CLI = realJar('commons-cli.jar');
const sha = (alg: string, bytes: Uint8Array) => createHash(alg).update(bytes).digest('hex');

const work = mkdtempSync(join(tmpdir(), 'bulwark-java-archive-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function run(path: string, bytes: Uint8Array, ex = javaArchive): Promise<Inventory> {
  return ex.extract(await extractInput(memFs({ [path]: bytes }), path));
}
const byName = (inv: Inventory, name: string): Package => {
  const p = inv.packages.find((x) => x.name === name);
  assert.ok(p, `no package ${name} in ${inv.packages.map((x) => x.name).join(', ')}`);
  return p;
};

describe('java/archive fileRequired', () => {
  const file = { type: 'file' as const, size: 1, mode: 0o644 };
  for (const [path, want] of [
    ['app/lib/log4j-core-2.14.1.jar', true],
    ['srv/ROOT.WAR', true],
    ['x.ear', true],
    ['x.par', true],
    ['var/jenkins/plugins/git.jpi', true],
    ['var/jenkins/plugins/git.hpi', true],
    ['x.jar.sha1', false],
    ['x.zip', false],
    ['jar', false],
  ] as const) {
    it(`${path} → ${want}`, () => assert.equal(javaArchive.fileRequired(path, file), want));
  }
  it('not for directories', () =>
    assert.equal(javaArchive.fileRequired('a.jar', { ...file, type: 'dir' }), false));
  it('is self-contained with a documented size limit', () => {
    assert.equal(javaArchive.selfContained, true);
    assert.equal(javaArchive.maxFileSize, 512 * 1024 * 1024);
  });
});

describe('java/archive on real jars', () => {
  it('log4j-core 2.19.0 (Debian): name, version, purl, hashes, JndiLookup present', async () => {
    const bytes = readFileSync(LOG4J);
    const inv = await run('usr/share/java/log4j-core.jar', bytes);
    assert.equal(inv.packages.length, 1);
    const p = inv.packages[0]!;
    assert.equal(p.name, 'log4j-core');
    assert.equal(p.version, '2.19.0');
    assert.equal(p.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0');
    assert.equal(p.ecosystem, 'Maven');
    assert.equal(p.type, 'maven');
    assert.deepEqual(p.locations, [{ path: 'usr/share/java/log4j-core.jar' }]);
    assert.deepEqual(p.hashes, [
      { alg: 'SHA-1', content: '0a024aa0ecda7a2b2288403e89d90f0b9dfdc5ad' },
      { alg: 'SHA-256', content: sha('sha256', bytes) },
    ]);
    assert.equal(p.metadata?.jndiLookupPresent, true);
    assert.equal(p.metadata?.identifiedBy, 'pom.properties');
    assert.equal(p.metadata?.virtualPath, 'usr/share/java/log4j-core.jar');
  });

  it('log4j-core with JndiLookup.class removed (the Log4Shell mitigation): jndiLookupPresent false', async () => {
    const jar = join(work, 'log4j-core-2.19.0.jar');
    copyFileSync(LOG4J, jar);
    execFileSync('zip', ['-q', '-d', jar, 'org/apache/logging/log4j/core/lookup/JndiLookup.class']);
    const p = byName(await run('app/log4j-core-2.19.0.jar', readFileSync(jar)), 'log4j-core');
    assert.equal(p.metadata?.jndiLookupPresent, false);
  });

  it('guava: licence from the embedded pom.xml', async () => {
    const p = byName(await run('guava.jar', readFileSync(GUAVA)), 'guava');
    assert.equal(p.purl, 'pkg:maven/com.google.guava/guava@31.1-jre');
    assert.deepEqual(p.licenses, ['Apache-2.0']);
  });

  it('Spring Boot fat jar (built with jar): BOOT-INF/lib jars are packages contained in the app', async () => {
    const dir = join(work, 'boot');
    mkdirSync(join(dir, 'BOOT-INF/lib'), { recursive: true });
    copyFileSync(LOG4J, join(dir, 'BOOT-INF/lib/log4j-core-2.19.0.jar'));
    copyFileSync(GUAVA, join(dir, 'BOOT-INF/lib/guava-31.1-jre.jar'));
    const jar = join(work, 'demo-app-0.0.1.jar');
    execFileSync('jar', ['--create', '--file', jar, '--no-compress', '-C', dir, '.']);
    const inv = await run('app/demo-app-0.0.1.jar', readFileSync(jar));
    const app = byName(inv, 'demo-app');
    assert.equal(app.version, '0.0.1');
    assert.equal(app.metadata?.identifiedBy, 'manifest');
    const log4j = byName(inv, 'log4j-core');
    const guava = byName(inv, 'guava');
    assert.equal(log4j.metadata?.virtualPath, 'app/demo-app-0.0.1.jar!/BOOT-INF/lib/log4j-core-2.19.0.jar');
    assert.deepEqual(log4j.locations, [{ path: 'app/demo-app-0.0.1.jar' }]);
    assert.equal(log4j.metadata?.parent, app.id);
    assert.equal(guava.metadata?.parent, app.id);
    assert.deepEqual(new Set(app.metadata?.children as string[]), new Set([log4j.id, guava.id]));
    assert.equal(
      log4j.hashes?.[0]?.content,
      sha('sha1', readFileSync(LOG4J)),
      'nested hashes are of the inner jar',
    );
    assert.equal(log4j.metadata?.jndiLookupPresent, true);
    assert.equal(new Set(inv.packages.map((p) => p.id)).size, inv.packages.length, 'ids are unique');
    assert.equal(inv.warnings, undefined);
  });

  it('EAR → WAR → WEB-INF/lib jar (built with zip): three levels, parents chained', async () => {
    const dir = join(work, 'ear');
    mkdirSync(join(dir, 'war/WEB-INF/lib'), { recursive: true });
    copyFileSync(COMMONS_IO, join(dir, 'war/WEB-INF/lib/commons-io-2.11.0.jar'));
    execFileSync('zip', ['-q', '-r', '../shop-web-1.2.war', '.'], { cwd: join(dir, 'war') });
    execFileSync('zip', ['-q', 'shop-1.2.ear', 'shop-web-1.2.war'], { cwd: dir });
    const inv = await run('srv/shop-1.2.ear', readFileSync(join(dir, 'shop-1.2.ear')));
    const ear = byName(inv, 'shop');
    const war = byName(inv, 'shop-web');
    const io = byName(inv, 'commons-io');
    assert.equal(war.metadata?.parent, ear.id);
    assert.equal(io.metadata?.parent, war.id);
    assert.equal(
      io.metadata?.virtualPath,
      'srv/shop-1.2.ear!/shop-web-1.2.war!/WEB-INF/lib/commons-io-2.11.0.jar',
    );
    assert.equal(io.purl, 'pkg:maven/commons-io/commons-io@2.11.0');
  });

  it('a jar with a launch script prepended (Spring Boot "fully executable") still reads', async () => {
    const bytes = Buffer.concat([
      Buffer.from('#!/bin/bash\necho start\nexit 0\n'),
      readFileSync(COMMONS_CLI),
    ]);
    assert.equal(byName(await run('app.jar', bytes), 'commons-cli').version, '1.5.0');
  });
});

describe('java/archive limits and bad input', () => {
  const cli = readFileSync(COMMONS_CLI);
  const nest = (levels: number): Uint8Array => {
    let bytes: Uint8Array = cli;
    let name = 'commons-cli-1.5.0.jar';
    for (let i = 0; i < levels; i++) {
      bytes = storeZip({ [`lib/${name}`]: bytes });
      name = 'wrapper.jar'; // no manifest and no version: wrappers are not packages
    }
    return bytes;
  };

  it('finds a jar nested 10 deep', async () => {
    const inv = await run('deep.jar', nest(10));
    const p = byName(inv, 'commons-cli');
    assert.equal(String(p.metadata?.virtualPath).split('!/').length, 11);
  });

  it('stops at the nesting limit with a warning (archives nested 50 deep)', async () => {
    const inv = await run('deep.jar', nest(50));
    assert.equal(inv.packages.length, 0);
    assert.equal(inv.warnings?.length, 1);
    assert.match(inv.warnings![0]!.message, /deeper than the nesting limit \(16\); not opened/);
  });

  it('refuses a zip bomb by its compression ratio, before inflating it', async () => {
    const bomb = storeZip({
      'lib/bomb.jar': new Uint8Array(64 * 1024 * 1024),
      'lib/commons-cli-1.5.0.jar': cli,
    });
    assert.ok(bomb.length < 1024 * 1024);
    const inv = await run('bomb.jar', bomb);
    assert.match(inv.warnings![0]!.message, /bomb\.jar: .*compression ratio over 200:1/);
    assert.equal(byName(inv, 'commons-cli').version, '1.5.0', 'the rest is kept');
  });

  it('caps what a nested archive and the whole file may inflate to', async () => {
    const outer = storeZip({
      'lib/guava-31.1-jre.jar': readFileSync(GUAVA),
      'lib/commons-cli-1.5.0.jar': cli,
    });
    const small = javaArchiveExtractor({ ...DEFAULT_ARCHIVE_LIMITS, maxNestedBytes: 1024 * 1024 });
    const inv = await run('outer.jar', outer, small);
    assert.match(inv.warnings![0]!.message, /guava-31\.1-jre\.jar.*limit 1048576/);
    assert.equal(byName(inv, 'commons-cli').version, '1.5.0');
    const tiny = javaArchiveExtractor({ ...DEFAULT_ARCHIVE_LIMITS, maxTotalInflated: 16 * 1024 });
    const inv2 = await run('outer.jar', outer, tiny);
    assert.equal(inv2.packages.length, 0);
    assert.ok((inv2.warnings ?? []).length >= 1);
  });

  it('zip-slip and `!` names are only names: virtual paths stay unambiguous', async () => {
    const outer = storeZip({ '../../etc/commons-cli-1.5.0.jar': cli, 'odd!/x/commons-cli-1.5.0.jar': cli });
    const inv = await run('slip.jar', outer);
    assert.deepEqual(inv.packages.map((p) => p.metadata?.virtualPath).sort(), [
      'slip.jar!/../../etc/commons-cli-1.5.0.jar',
      'slip.jar!/odd%21/x/commons-cli-1.5.0.jar',
    ]);
    assert.match(inv.warnings![0]!.message, /zip-slip/);
  });

  it('a truncated jar is a clear error', async () => {
    const bytes = readFileSync(LOG4J);
    await assert.rejects(
      run('cut.jar', bytes.subarray(0, bytes.length / 2)),
      /cannot read Java archive: not a zip archive/,
    );
    await assert.rejects(run('cut.jar', bytes.subarray(0, bytes.length - 100)), /cannot read Java archive/);
  });

  it("Syft's corrupt example.jar is a clear error", async () => {
    const bytes = readFileSync(syftFixture('java', 'testdata/corrupt/example.jar'));
    await assert.rejects(run('example.jar', bytes), /cannot read Java archive/);
  });

  it('a truncated nested jar is a warning; its siblings are kept', async () => {
    const outer = storeZip({ 'lib/broken-1.0.jar': cli.subarray(0, 5000), 'lib/commons-cli-1.5.0.jar': cli });
    const inv = await run('outer.jar', outer);
    assert.equal(byName(inv, 'commons-cli').version, '1.5.0');
    assert.match(inv.warnings![0]!.message, /outer\.jar!\/lib\/broken-1\.0\.jar: /);
  });

  it('an empty file is a clear error', async () =>
    assert.rejects(run('empty.jar', new Uint8Array()), /cannot read Java archive: not a zip archive/));
});
