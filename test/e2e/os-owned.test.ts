import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanTarget } from '../../src/cli/scan-target.ts';
import type { ScanResult } from '../../src/core/scan-result.ts';

/**
 * Files the OS package manager installed are reported once, as the OS package: Debian's
 * liblog4j2-java owns /usr/share/java/log4j-core-2.19.0.jar (real dpkg status stanza and .list
 * from this machine), so the jar is not reported again as a Maven package. A copy of the same jar
 * elsewhere (an application's own) still is.
 */
describe('OS-owned files are not reported twice', () => {
  let root: string;
  let result: ScanResult;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'bulwark-owned-'));
    await mkdir(join(root, 'var/lib/dpkg/info'), { recursive: true });
    await mkdir(join(root, 'usr/share/java'), { recursive: true });
    await mkdir(join(root, 'opt/app/lib'), { recursive: true });
    const stanza = (await readFile('/var/lib/dpkg/status', 'utf8'))
      .split(/\n\n+/)
      .find((s) => s.startsWith('Package: liblog4j2-java\n'));
    assert.ok(
      stanza,
      'this test needs liblog4j2-java installed (apt-get install liblog4j2-java; see scripts/setup.sh)',
    );
    await writeFile(join(root, 'var/lib/dpkg/status'), `${stanza}\n`);
    await copyFile(
      '/var/lib/dpkg/info/liblog4j2-java.list',
      join(root, 'var/lib/dpkg/info/liblog4j2-java.list'),
    );
    const jar = await realpath('/usr/share/java/log4j-core-2.19.0.jar');
    await copyFile(jar, join(root, 'usr/share/java/log4j-core.jar'));
    await copyFile(jar, join(root, 'opt/app/lib/log4j-core-2.19.0.jar'));
    result = await scanTarget(
      root,
      'rootfs',
      { platform: 'linux/amd64', quiet: true },
      AbortSignal.timeout(60_000),
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('the deb is reported, the jar it owns is not, the application copy is', () => {
    assert.ok(result.packages.some((p) => p.type === 'deb' && p.name === 'liblog4j2-java'));
    const jars = result.packages.filter((p) => p.name === 'log4j-core').map((p) => p.locations[0]?.path);
    assert.deepEqual(jars, ['opt/app/lib/log4j-core-2.19.0.jar']);
  });
});
