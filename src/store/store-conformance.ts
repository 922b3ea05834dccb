import { describe } from 'node:test';
import type { FeedTransaction } from '../vulndb/feed-sink.ts';
import type { Store } from './store.ts';
import { advisoryConformance } from './store-conformance-advisories.ts';
import { alertConformance } from './store-conformance-alerts.ts';
import type { ConformanceContext } from './store-conformance-context.ts';
import { importConformance } from './store-conformance-imports.ts';
import { scanConformance } from './store-conformance-scans.ts';

/**
 * The contract every Store backend must meet, as node:test suites: register it from a backend's
 * test file. `open` must return a Store on the same database for every call within one test (a
 * test reopens it) and a fresh, empty database for each test.
 */
export function storeConformance(name: string, open: () => Promise<Store>): void {
  const withStore = async (fn: (s: Store) => Promise<void>): Promise<void> => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };
  const write = <T>(s: Store, fn: (tx: FeedTransaction) => Promise<T>) => s.transaction(fn);
  const ctx: ConformanceContext = { open, withStore, write };
  describe(`${name} store conformance`, () => {
    advisoryConformance(ctx);
    importConformance(ctx);
    scanConformance(ctx);
    alertConformance(ctx);
  });
}
