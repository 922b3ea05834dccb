import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dirFs } from '../../../test-support/dir-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { gradleLockfileExtractor } from './gradle-lockfile.ts';

describe('java/gradle-lockfile', () => {
  it('fileRequired', () => {
    const f = { type: 'file' as const, size: 1, mode: 0o644 };
    assert.equal(gradleLockfileExtractor.fileRequired('gradle.lockfile', f), true);
    assert.equal(gradleLockfileExtractor.fileRequired('app/gradle.lockfile', f), true);
    assert.equal(
      gradleLockfileExtractor.fileRequired('app/gradle/dependency-locks/compileClasspath.lockfile', f),
      true,
    );
    assert.equal(gradleLockfileExtractor.fileRequired('app/x.lockfile', f), false);
  });

  it('Syft Test_parserGradleLockfile', async () => {
    const [c] = syftCases('java', 'Test_parserGradleLockfile');
    const fs = dirFs(syftFixture('java', 'testdata/gradle'));
    const inv = await gradleLockfileExtractor.extract(await extractInput(fs, 'gradle.lockfile'));
    const want = (c!.expected as { Name: string; Version: string; PURL: string }[]).map((e) => [
      e.Name,
      e.Version,
      e.PURL,
    ]);
    assert.deepEqual(inv.packages.map((p) => [p.name, p.version, p.purl]).sort(), want.sort());
    // Our addition: modules pulled only by test configurations are dev.
    assert.equal(inv.packages.find((p) => p.name === 'junit')!.dev, true);
    assert.equal(inv.packages.find((p) => p.name === 'joda-time')!.dev, false);
  });

  it('malformed lines are warnings, binary input an error', async () => {
    const fs = memFs({
      'gradle.lockfile': 'junit:junit:4.12=test\nnot-a-line\n',
      'bin/gradle.lockfile': new Uint8Array([0, 1]),
    });
    const inv = await gradleLockfileExtractor.extract(await extractInput(fs, 'gradle.lockfile'));
    assert.equal(inv.packages.length, 1);
    assert.match(inv.warnings![0]!.message, /line 2 is not group:name:version/);
    await assert.rejects(
      gradleLockfileExtractor.extract(await extractInput(fs, 'bin/gradle.lockfile')),
      /binary/,
    );
  });
});
