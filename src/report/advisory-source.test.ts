import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advisorySource, advisoryUrl, isWebUrl } from './advisory-source.ts';

describe('advisorySource', () => {
  const cases: [id: string, name: string | undefined, url: string | undefined][] = [
    ['CVE-2021-44228', 'NVD', 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228'],
    ['GHSA-jfh8-c2jp-5v3q', 'GitHub', 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q'],
    ['GO-2024-2491', 'Go', 'https://pkg.go.dev/vuln/GO-2024-2491'],
    ['RUSTSEC-2021-0001', 'RustSec', 'https://rustsec.org/advisories/RUSTSEC-2021-0001.html'],
    ['PYSEC-2021-1', 'PyPA', 'https://osv.dev/vulnerability/PYSEC-2021-1'],
    ['DSA-3696-1', 'Debian', 'https://security-tracker.debian.org/tracker/DSA-3696-1'],
    ['DLA-2065-1', 'Debian', 'https://security-tracker.debian.org/tracker/DLA-2065-1'],
    ['ALSA-2024:0670', 'AlmaLinux', 'https://osv.dev/vulnerability/ALSA-2024:0670'],
    ['NSWG-ECO-1', undefined, undefined],
    ['CVE-2021-1/../../x', 'NVD', undefined],
  ];
  for (const [id, name, url] of cases) {
    it(`${id} → ${name ?? 'unknown'}`, () => {
      const s = advisorySource(id);
      assert.equal(s?.name, name);
      assert.equal(s?.url, url);
    });
  }

  it('falls back to the first usable reference for an unknown prefix', () => {
    assert.equal(
      advisoryUrl('NSWG-ECO-1', [
        'not a url',
        'https://x.example/a b',
        'ftp://x',
        'https://x.example/a|b',
        'https://x.example/ok',
      ]),
      'https://x.example/ok',
    );
    assert.equal(
      advisoryUrl('CVE-2021-44228', ['https://x.example/']),
      'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
    );
    assert.equal(advisoryUrl('NSWG-ECO-1', []), undefined);
    assert.equal(isWebUrl('http://example.org/path?q=1#f'), true);
    assert.equal(isWebUrl('https://example.org/<script>'), false);
  });
});
