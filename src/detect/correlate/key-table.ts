/** One key's entry, linked in last-touched order. */
interface Node<T> {
  readonly key: string;
  value: T;
  touchedMs: number;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
}

/**
 * Per-key state of one correlation, bounded in time and in size. Entries are linked in the order
 * they were last touched, stalest first: expiring walks from the front and stops at the first live
 * entry — O(expired) per call, O(1) when nothing expires, never a scan of every key. When
 * `maxKeys` is reached the stalest key is evicted (and counted), so a flood of distinct users
 * cannot grow memory without bound. (A Map's own insertion order is not used for this: V8 leaves
 * deleted entries in place until it rehashes, so "first key" after many front deletions scans them.)
 */
export class KeyTable<T> {
  private readonly nodes = new Map<string, Node<T>>();
  private head: Node<T> | undefined;
  private tail: Node<T> | undefined;
  /** Keys dropped because the table was full. */
  evictions = 0;
  /** Keys dropped because nothing happened for them within the window. */
  expired = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly windowMs: number,
  ) {}

  get size(): number {
    return this.nodes.size;
  }

  get(key: string): T | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Stores `value` as touched at `nowMs`, moving the key to the back. */
  set(key: string, value: T, nowMs: number): void {
    let node = this.nodes.get(key);
    if (node === undefined) {
      if (this.nodes.size >= this.maxKeys && this.head !== undefined) {
        this.remove(this.head);
        this.evictions++;
      }
      node = { key, value, touchedMs: nowMs, prev: undefined, next: undefined };
      this.nodes.set(key, node);
    } else {
      this.unlink(node);
      node.value = value;
      node.touchedMs = nowMs;
    }
    node.prev = this.tail;
    if (this.tail === undefined) this.head = node;
    else this.tail.next = node;
    this.tail = node;
  }

  delete(key: string): void {
    const node = this.nodes.get(key);
    if (node !== undefined) this.remove(node);
  }

  /**
   * Drops keys untouched for longer than the window before `nowMs`: everything they hold started
   * no later than their last touch, so it can no longer complete. Stops at the first live entry; an
   * entry touched with an out-of-order (earlier) time behind a live one waits for a later call or
   * for eviction.
   */
  expire(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    while (this.head !== undefined && this.head.touchedMs < cutoff) {
      this.remove(this.head);
      this.expired++;
    }
  }

  private remove(node: Node<T>): void {
    this.unlink(node);
    this.nodes.delete(node.key);
  }

  private unlink(node: Node<T>): void {
    if (node.prev === undefined) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = undefined;
    node.next = undefined;
  }
}
