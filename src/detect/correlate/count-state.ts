import type { IncidentStep } from '../../core/audit-alert.ts';
import type { CompiledCorrelation } from './compile-correlation.ts';
import { KeyTable } from './key-table.ts';
import type { Completion, Offered } from './sequence-state.ts';

/** How many of the latest events an incident lists after the first one. */
const LAST_STEPS = 3;

/** The matching events of one key still inside the window, oldest first (from `head`). */
interface Window {
  readonly times: number[];
  readonly steps: IncidentStep[];
  head: number;
}

/**
 * The sliding windows of one count correlation: per key, the times of its matching events within
 * `within`. When `count` of them are inside the window, one incident, and the key's window starts
 * empty again (the next incident needs `count` new events). A key holds fewer than `count` events,
 * so memory is bounded by maxKeys × (count − 1) steps.
 */
export class CountState {
  readonly table: KeyTable<Window>;

  constructor(
    private readonly def: CompiledCorrelation,
    maxKeys: number,
  ) {
    this.table = new KeyTable(maxKeys, def.withinMs);
  }

  offer(o: Offered): Completion | undefined {
    this.table.expire(o.nowMs);
    const step = this.def.steps[0]!;
    if (!step.match(o.event)) return undefined;
    const values = step.key(o.event);
    if (values === undefined) return undefined;
    const key = JSON.stringify(values);
    const w = this.table.get(key) ?? { times: [], steps: [], head: 0 };
    const cutoff = o.nowMs - this.def.withinMs;
    while (w.head < w.times.length && w.times[w.head]! < cutoff) w.head++;
    // Compact now and then, so the arrays do not keep expired entries for ever.
    if (w.head > 32 && w.head * 2 > w.times.length) {
      w.times.splice(0, w.head);
      w.steps.splice(0, w.head);
      w.head = 0;
    }
    w.times.push(o.nowMs);
    w.steps.push(o.step(step.name));
    const n = w.times.length - w.head;
    if (n < this.def.count) {
      this.table.set(key, w, o.nowMs);
      return undefined;
    }
    this.table.delete(key);
    const inWindow = w.steps.slice(w.head);
    const tail = inWindow.slice(Math.max(1, inWindow.length - LAST_STEPS));
    const record: Record<string, string> = {};
    step.by.forEach((field, i) => {
      record[field] = values[i]!;
    });
    // Steps are named by their place in the window: `event 1`, `event 19`… (after the rule's name).
    const label = (n: number): string =>
      step.rule === undefined ? `event ${n}` : `${step.rule} (event ${n})`;
    const first = inWindow.length - tail.length;
    const steps = [
      { ...inWindow[0]!, step: label(1) },
      ...tail.map((s, i) => ({ ...s, step: label(first + i + 1) })),
    ];
    return { key: record, firstMs: w.times[w.head]!, steps };
  }
}
