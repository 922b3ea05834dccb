import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { manifestValue, parseManifest } from './parse-manifest.ts';

type KV = { Key: string; Value: string };
const toRecord = (kvs: KV[]): Record<string, string> =>
  Object.fromEntries(kvs.map((kv) => [kv.Key, kv.Value]));

describe('parseManifest (Syft TestParseJavaManifest)', () => {
  for (const c of syftCases('java', 'TestParseJavaManifest')) {
    const fixture = c.input as string;
    it(fixture, () => {
      const expected = c.expected as { Main: KV[]; Sections?: KV[][] };
      const m = parseManifest(readFileSync(syftFixture('java', fixture), 'utf8'));
      const main = toRecord(expected.Main);
      // Disagreement on purpose: Syft trims every leading space of a continuation line; the JAR
      // spec (and java.util.jar) drops exactly one, which keeps spaces that fell on a 72-byte wrap.
      if (fixture.endsWith('leading-space'))
        main['Key-keykeykey'] = 'initialconfig:com   $    # aka not empty line';
      assert.deepEqual(m.main, main);
      assert.deepEqual(m.sections, (expected.Sections ?? []).map(toRecord));
    });
  }
});

describe('parseManifest', () => {
  it('joins 72-byte continuation lines without the leading space, CRLF too', () => {
    const m = parseManifest(
      'Manifest-Version: 1.0\r\nExport-Package: org.apache.logging.log4j.core;uses:="org.apache.logging.\r\n log4j,org.apache"\r\n',
    );
    assert.equal(
      m.main['Export-Package'],
      'org.apache.logging.log4j.core;uses:="org.apache.logging.log4j,org.apache"',
    );
  });
  it('counts junk lines instead of failing', () => {
    const m = parseManifest(' orphan continuation\nno colon here\nA: b\n');
    assert.equal(m.badLines, 2);
    assert.deepEqual(m.main, { A: 'b' });
  });
  it('manifestValue looks in named sections after the main one', () => {
    const m = parseManifest('Manifest-Version: 1.0\n\nName: org/x/\nImplementation-Version: 1.8.2\n');
    assert.equal(manifestValue(m, 'Implementation-Version'), '1.8.2');
  });
});
