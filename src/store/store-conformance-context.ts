import type { FeedTransaction } from '../vulndb/feed-sink.ts';
import type { Store } from './store.ts';

/** What each part of the store conformance suite gets from storeConformance. */
export interface ConformanceContext {
  /** A Store on the test's database (same database for every call within one test). */
  readonly open: () => Promise<Store>;
  /** Opens a Store, runs `fn`, closes it. */
  readonly withStore: (fn: (s: Store) => Promise<void>) => Promise<void>;
  /** One write transaction. */
  readonly write: <T>(s: Store, fn: (tx: FeedTransaction) => Promise<T>) => Promise<T>;
}
