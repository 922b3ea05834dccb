import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../core/errors.ts';
import { ENCODERS, encoderFor, formatName, MEDIA_TYPES } from './registry.ts';
import { findingsScan } from './testdata/finding-fixtures.ts';
import { bookwormScan } from './testdata/scan-fixtures.ts';

describe('report registry', () => {
  it('offers table, json, cyclonedx, spdx, sarif and openvex, each with a media type', () => {
    assert.deepEqual([...ENCODERS.keys()], ['table', 'json', 'cyclonedx', 'spdx', 'sarif', 'openvex']);
    const findingsOnly = new Set(['sarif', 'openvex']); // no findings, nothing to name
    for (const [name, encode] of ENCODERS) {
      const out = encode(bookwormScan());
      if (!findingsOnly.has(name)) assert.ok(out.includes('libssl3'), `${name} output names the packages`);
      assert.ok(encode(findingsScan()).includes('CVE-2021-44228'), `${name} output names the findings`);
      assert.ok(MEDIA_TYPES[name]);
      if (name !== 'table') assert.doesNotThrow(() => JSON.parse(out), name);
    }
    assert.equal(MEDIA_TYPES.sarif, 'application/sarif+json');
  });

  it('lets only the table use colour, and only when asked', () => {
    for (const [name, encode] of ENCODERS) {
      assert.doesNotMatch(encode(findingsScan(), { randomUUID: () => 'x' }), /\u001b\[/, name);
      if (name !== 'table') assert.doesNotMatch(encode(findingsScan(), { color: true }), /\u001b\[/, name);
    }
    assert.match(ENCODERS.get('table')!(findingsScan(), { color: true }), /\u001b\[1;31mCRITICAL/);
  });

  it('resolves aliases other tools use and rejects unknown names with the list', () => {
    assert.equal(formatName('cyclonedx-json'), 'cyclonedx');
    assert.equal(formatName('spdx-json'), 'spdx');
    assert.equal(encoderFor('spdx-json'), ENCODERS.get('spdx'));
    assert.equal(formatName('sarif'), 'sarif');
    assert.equal(formatName('sarif-json'), undefined);
    assert.throws(
      () => encoderFor('xml'),
      (e: unknown) =>
        e instanceof BulwarkError &&
        e.code === 'E_USAGE' &&
        e.message.includes('table, json, cyclonedx, spdx, sarif, openvex'),
    );
  });
});
