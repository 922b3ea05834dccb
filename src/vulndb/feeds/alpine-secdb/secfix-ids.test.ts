import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secfixIds } from './secfix-ids.ts';

// Every case below is an entry found in the real secdb (v3.3…v3.11) or in peers' test data.
const CASES: readonly (readonly [string, ReturnType<typeof secfixIds>])[] = [
  ['CVE-2019-5736', { ids: ['CVE-2019-5736'], related: [], problems: [] }],
  ['CVE-2017-2616 (+ regression fix)', { ids: ['CVE-2017-2616'], related: [], problems: [] }],
  [
    'CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)',
    { ids: ['CVE-2018-10103'], related: [], problems: [] },
  ],
  ['CVE-2016-6258 XSA-182', { ids: ['CVE-2016-6258'], related: ['XSA-182'], problems: [] }],
  ['CVE-2018-3639   XSA-263', { ids: ['CVE-2018-3639'], related: ['XSA-263'], problems: [] }],
  ['CVE-2019-5060 TALOS-2019-0844', { ids: ['CVE-2019-5060'], related: ['TALOS-2019-0844'], problems: [] }],
  [
    'CVE-2024-22195 GHSA-h5c8-rqwp-cp95',
    { ids: ['CVE-2024-22195'], related: ['GHSA-h5c8-rqwp-cp95'], problems: [] },
  ],
  [
    'CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI',
    { ids: ['CVE-2017-5753', 'CVE-2017-5715', 'CVE-2017-5754'], related: ['XSA-254'], problems: [] },
  ],
  ['XSA-207', { ids: ['XSA-207'], related: [], problems: [] }],
  ['GHSA-h6cc-rc6q-23j4 (+regression fix)', { ids: ['GHSA-h6cc-rc6q-23j4'], related: [], problems: [] }],
  ['ZBX-11023', { ids: ['ZBX-11023'], related: [], problems: [] }],
  ['wnpa-sec-2017-18', { ids: ['wnpa-sec-2017-18'], related: [], problems: [] }],
  // The id was not assigned when the entry was written: only the XSA says anything.
  ['CVE-????-?????  XSA-295', { ids: ['XSA-295'], related: [], problems: [] }],
  // Typos with one clear reading.
  ['CVE_2019-2426', { ids: ['CVE-2019-2426'], related: [], problems: [] }],
  ['CVE 2018-16859', { ids: ['CVE-2018-16859'], related: [], problems: [] }],
  ['CVE-2019-19451.patch', { ids: ['CVE-2019-19451'], related: [], problems: [] }],
  ['CVE-2017-17434-1', { ids: ['CVE-2017-17434'], related: [], problems: [] }],
];

describe('secfixIds', () => {
  for (const [entry, want] of CASES) {
    it(`reads ${JSON.stringify(entry)}`, () => assert.deepEqual(secfixIds(entry), want));
  }

  it('reports a malformed CVE token beside a good id', () => {
    assert.deepEqual(secfixIds('CVE-2019 XSA-1'), {
      ids: ['XSA-1'],
      related: [],
      problems: ['"CVE-2019" is not a CVE id'],
    });
  });

  it('gives a reason when nothing names a vulnerability', () => {
    assert.deepEqual(secfixIds(''), { reason: 'no vulnerability id in ""' });
    assert.deepEqual(secfixIds('fixes a crash'), { reason: 'no vulnerability id in "fixes a crash"' });
    assert.deepEqual(secfixIds('CVE-????-?????'), { reason: 'no vulnerability id in "CVE-????-?????"' });
    assert.deepEqual(secfixIds('CVE-12-3'), { reason: '"CVE-12-3" is not a CVE id' });
  });
});
