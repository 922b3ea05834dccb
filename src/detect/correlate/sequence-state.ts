import type { IncidentStep } from '../../core/audit-alert.ts';
import type { CompiledCorrelation } from './compile-correlation.ts';
import { KeyTable } from './key-table.ts';

/** A sequence matched up to some step for one key. */
interface Partial {
  readonly firstMs: number;
  readonly steps: readonly IncidentStep[];
}

/** What the correlator needs to know about the event being offered. */
export interface Offered {
  readonly event: unknown;
  /** The event's time, or the latest time seen when it has none. */
  readonly nowMs: number;
  /** The event as an incident step (built on first use: most events match no step). */
  readonly step: (name: string) => IncidentStep;
}

/** A completed correlation: the key (field → value) and the contributing events. */
export interface Completion {
  readonly key: Readonly<Record<string, string>>;
  readonly firstMs: number;
  readonly steps: readonly IncidentStep[];
}

/**
 * The partial matches of one sequence correlation. Per key, slot i holds the most recent partial
 * that has matched steps 0..i (so a restart of step 0 never destroys progress further on). An event
 * is tried against the steps from last to first, so it advances partials as they were before it
 * arrived: it can complete one step and start another, but never jumps two steps by itself.
 */
export class SequenceState {
  readonly table: KeyTable<(Partial | undefined)[]>;

  constructor(
    private readonly def: CompiledCorrelation,
    maxKeys: number,
  ) {
    this.table = new KeyTable(maxKeys, def.withinMs);
  }

  offer(o: Offered): Completion | undefined {
    this.table.expire(o.nowMs);
    const { steps, withinMs } = this.def;
    const last = steps.length - 1;
    let done: Completion | undefined;
    for (let i = last; i >= 0; i--) {
      const step = steps[i]!;
      if (!step.match(o.event)) continue;
      const values = step.key(o.event);
      if (values === undefined) continue;
      const key = JSON.stringify(values);
      const slots = this.table.get(key);
      if (i === 0) {
        const next = slots ?? new Array<Partial | undefined>(last).fill(undefined);
        next[0] = { firstMs: o.nowMs, steps: [o.step(step.name)] };
        this.table.set(key, next, o.nowMs);
        continue;
      }
      const before = slots?.[i - 1];
      if (slots === undefined || before === undefined) continue;
      if (o.nowMs - before.firstMs > withinMs) {
        slots[i - 1] = undefined; // too late: this partial can never complete
        continue;
      }
      const steps2 = [...before.steps, o.step(step.name)];
      if (i < last) {
        slots[i] = { firstMs: before.firstMs, steps: steps2 };
        this.table.set(key, slots, o.nowMs);
        continue;
      }
      // Complete: one incident, and the key starts over (its other partials would repeat it).
      this.table.delete(key);
      const record: Record<string, string> = {};
      step.by.forEach((field, n) => {
        record[field] = values[n]!;
      });
      done = { key: record, firstMs: before.firstMs, steps: steps2 };
    }
    return done;
  }
}
