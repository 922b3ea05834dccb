import type { AlertToSave } from '../store/alert-queries.ts';

/** Events remembered at most (a few resent batches of the API server's default 400 events, and more). */
const DEFAULT_MAX_EVENTS = 100_000;

/**
 * The alerts of events already run through the engine whose batch could not be stored. The API
 * server resends such a batch; taking its events' alerts from here instead of running them again
 * keeps the engine's correlation state from counting them twice. Events are known by `auditID`
 * and `stage` (one request is logged once per stage); an event without an auditID cannot be
 * recognised and runs again. Bounded: the oldest entries go first.
 */
export class UnsavedAlerts {
  readonly #byEvent = new Map<string, readonly AlertToSave[]>();

  constructor(private readonly maxEvents: number = DEFAULT_MAX_EVENTS) {}

  /** The key of an event, or undefined when it has no auditID. */
  static keyOf(event: unknown): string | undefined {
    const e = event as { auditID?: unknown; stage?: unknown };
    return typeof e.auditID === 'string' ? `${e.auditID}\u0000${String(e.stage ?? '')}` : undefined;
  }

  get size(): number {
    return this.#byEvent.size;
  }

  /** The remembered alerts of an event (possibly none), or undefined when it was not seen. */
  get(key: string): readonly AlertToSave[] | undefined {
    return this.#byEvent.get(key);
  }

  /** Remembers a batch whose alerts were not stored. */
  remember(entries: readonly (readonly [string, readonly AlertToSave[]])[]): void {
    for (const [key, alerts] of entries) {
      this.#byEvent.delete(key);
      this.#byEvent.set(key, alerts);
    }
    while (this.#byEvent.size > this.maxEvents) {
      const oldest = this.#byEvent.keys().next().value as string;
      this.#byEvent.delete(oldest);
    }
  }

  /** Forgets events whose alerts are now stored. */
  forget(keys: readonly string[]): void {
    for (const key of keys) this.#byEvent.delete(key);
  }
}
