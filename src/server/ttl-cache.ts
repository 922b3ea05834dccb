/**
 * A bounded map whose entries expire `ttlMs` after they were set; the least recently used entry
 * goes first when it is full. Map iteration order is insertion order, so a read re-inserts.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { readonly value: V; readonly expires: number }>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(opts: { readonly maxEntries: number; readonly ttlMs: number; readonly now?: () => number }) {
    if (opts.maxEntries < 1) throw new RangeError('maxEntries must be at least 1');
    this.#max = opts.maxEntries;
    this.#ttlMs = opts.ttlMs;
    this.#now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    this.#entries.delete(key);
    if (e.expires <= this.#now()) return undefined;
    this.#entries.set(key, e);
    return e.value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
