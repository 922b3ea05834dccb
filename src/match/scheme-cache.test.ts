import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rpmVersion } from '../version/rpm.ts';
import { cachingScheme, SchemeCache } from './scheme-cache.ts';

describe('SchemeCache', () => {
  it('parses each string once per scheme and keeps the scheme name', () => {
    let parses = 0;
    const counted = cachingScheme({
      ...rpmVersion,
      parse: (raw: string) => {
        parses++;
        return rpmVersion.parse(raw);
      },
    });
    const a = counted.parse('4:1.1.12-1.el9_3');
    const b = counted.parse('4:1.1.12-1.el9_3');
    assert.equal(a, b);
    assert.equal(parses, 1);
    assert.equal(counted.name, 'rpm');
    const c = counted.parse('4:1.1.11-1.el9');
    assert.ok(a.ok && c.ok);
    assert.equal(counted.compare(c.value, a.value), -1);
  });

  it('gives one caching scheme per scheme, whatever the release suffix', () => {
    const cache = new SchemeCache();
    assert.equal(cache.forEcosystem('AlmaLinux:9'), cache.forEcosystem('AlmaLinux:8'));
    assert.equal(cache.forEcosystem('AlmaLinux:9'), cache.forEcosystem('Rocky Linux:9'));
    assert.equal(cache.forEcosystem('AlmaLinux:9')?.name, 'rpm');
    assert.equal(cache.forEcosystem('kubernetes'), undefined);
  });
});
