import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startAlertRetention } from './alert-retention.ts';

describe('startAlertRetention', () => {
  it('prunes at once and on every tick, by arrival time older than the window', async () => {
    const calls: string[] = [];
    const pruned: number[] = [];
    const store = {
      pruneAlerts: async (olderThan: string) => {
        calls.push(olderThan);
        return calls.length === 1 ? 3 : 0;
      },
    };
    const retention = startAlertRetention(store, {
      keepMs: 24 * 60 * 60 * 1000,
      everyMs: 20,
      now: () => new Date('2026-11-29T12:00:00Z'),
      onPruned: (n) => pruned.push(n),
    });
    await new Promise((r) => setTimeout(r, 70));
    await retention.stop();
    assert.equal(calls[0], '2026-11-28T12:00:00.000Z');
    assert.ok(calls.length >= 2, `${calls.length} prunes`);
    assert.deepEqual(pruned, [3]);
    const after = calls.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(calls.length, after, 'no prune after stop');
  });

  it('reports a failing prune and keeps going', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const retention = startAlertRetention(
      {
        pruneAlerts: async () => {
          n++;
          if (n === 1) throw new Error('database is locked');
          return 0;
        },
      },
      { keepMs: 1000, everyMs: 10, onError: (e) => errors.push(e) },
    );
    await new Promise((r) => setTimeout(r, 50));
    await retention.stop();
    assert.equal(errors.length, 1);
    assert.ok(n >= 2);
  });
});
