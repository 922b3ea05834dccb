import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '../../src/core/scan-result.ts';
import { cachedImageState } from '../../src/server/image-state-lookup.ts';
import { TtlCache } from '../../src/server/ttl-cache.ts';
import type { ScanKey } from '../../src/store/scan-queries.ts';

const DIGEST = `sha256:${'d1'.repeat(32)}`;

function scan(name: string): ScanResult {
  return {
    target: { kind: 'image', name },
    packages: [],
    relationships: [],
    errors: [],
    vulnerabilities: { findings: [], warnings: [], database: [] },
    createdAt: '2025-06-01T00:00:00Z',
    tool: { name: 'bulwark', version: '0.1.0' },
  };
}

/** A scan source holding scans by digest and by reference, recording every key asked. */
function source(byDigest: Record<string, string>, byReference: Record<string, string>) {
  const asked: ScanKey[] = [];
  return {
    asked,
    latestScan: async (key: ScanKey) => {
      asked.push(key);
      const name = key.digest !== undefined ? byDigest[key.digest] : byReference[key.reference ?? ''];
      return name === undefined ? undefined : scan(name);
    },
  };
}

describe('cachedImageState', () => {
  it('looks up a pinned digest first, then each spelling of the reference', async () => {
    const s = source({ [DIGEST]: 'by-digest' }, { 'docker.io/library/nginx:1.25': 'by-reference' });
    const state = cachedImageState(s);
    assert.deepEqual(await state(`nginx@${DIGEST}`), {
      scanned: true,
      reference: 'by-digest',
      scannedAt: '2025-06-01T00:00:00Z',
      findings: [],
    });
    assert.deepEqual(s.asked, [{ digest: DIGEST }]);
    s.asked.length = 0;
    const byRef = await state('nginx:1.25');
    assert.equal(byRef.scanned && byRef.reference, 'by-reference');
    assert.deepEqual(s.asked, [{ reference: 'nginx:1.25' }, { reference: 'docker.io/library/nginx:1.25' }]);
    s.asked.length = 0;
    assert.deepEqual(await state('alpine:3.19'), { scanned: false, reason: 'no saved scan' });
    assert.equal(s.asked.length, 2);
  });

  it('reuses an answer until it expires; concurrent asks share one lookup', async () => {
    let now = 1_000;
    const s = source({}, { 'app:1': 'app' });
    const state = cachedImageState(s, { ttlMs: 30_000, now: () => now });
    await Promise.all([state('app:1'), state('app:1'), state('app:1')]);
    assert.equal(s.asked.length, 1);
    now += 29_000;
    await state('app:1');
    assert.equal(s.asked.length, 1);
    now += 2_000;
    await state('app:1');
    assert.equal(s.asked.length, 2);
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const state = cachedImageState({
      latestScan: async () => {
        if (fail) throw new Error('database is locked');
        return scan('app');
      },
    });
    await assert.rejects(state('app:1'), /database is locked/);
    fail = false;
    assert.equal((await state('app:1')).scanned, true);
  });
});

describe('TtlCache', () => {
  it('evicts the least recently used entry when full', () => {
    const c = new TtlCache<string, number>({ maxEntries: 2, ttlMs: 1000 });
    c.set('a', 1);
    c.set('b', 2);
    assert.equal(c.get('a'), 1);
    c.set('c', 3);
    assert.equal(c.get('b'), undefined);
    assert.equal(c.get('a'), 1);
    assert.equal(c.get('c'), 3);
    assert.equal(c.size, 2);
  });
});
