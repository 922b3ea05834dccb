import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../core/errors.ts';
import { ENCODERS, encoderFor, formatName, MEDIA_TYPES } from './registry.ts';
import { configScan } from './testdata/config-fixtures.ts';
import { findingsScan, repoScan } from './testdata/finding-fixtures.ts';
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

  it('leaves misconfigurations out of CycloneDX, SPDX and OpenVEX: they are not about components', () => {
    const fixed = { randomUUID: () => '3e671687-395b-41f5-a30f-a58921a69b79' };
    const { misconfigurations: _m, ...withoutConfig } = repoScan();
    for (const name of ['cyclonedx', 'spdx', 'openvex'] as const) {
      const encode = ENCODERS.get(name)!;
      assert.equal(encode(repoScan(), fixed), encode(withoutConfig, fixed), name);
      assert.doesNotMatch(encode(configScan(), fixed), /BW-|misconfiguration/i, name);
    }
    for (const [name, encode] of ENCODERS) {
      if (name === 'table' || name === 'json' || name === 'sarif') {
        assert.ok(encode(configScan()).includes('BW-K8S-014'), `${name} output names the misconfigurations`);
      }
    }
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
