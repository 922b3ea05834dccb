import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../core/errors.ts';
import { ENCODERS, encoderFor, formatName, MEDIA_TYPES } from './registry.ts';
import { bookwormScan } from './testdata/scan-fixtures.ts';

describe('report registry', () => {
  it('offers table, json, cyclonedx and spdx, each with a media type', () => {
    assert.deepEqual([...ENCODERS.keys()], ['table', 'json', 'cyclonedx', 'spdx']);
    for (const [name, encode] of ENCODERS) {
      const out = encode(bookwormScan());
      assert.ok(out.includes('libssl3'), `${name} output names the packages`);
      assert.ok(MEDIA_TYPES[name]);
      if (name !== 'table') assert.doesNotThrow(() => JSON.parse(out), name);
    }
  });

  it('resolves aliases other tools use and rejects unknown names with the list', () => {
    assert.equal(formatName('cyclonedx-json'), 'cyclonedx');
    assert.equal(formatName('spdx-json'), 'spdx');
    assert.equal(encoderFor('spdx-json'), ENCODERS.get('spdx'));
    assert.equal(formatName('sarif'), undefined);
    assert.throws(
      () => encoderFor('xml'),
      (e: unknown) =>
        e instanceof BulwarkError &&
        e.code === 'E_USAGE' &&
        e.message.includes('table, json, cyclonedx, spdx'),
    );
  });
});
