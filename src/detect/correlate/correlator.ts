import type { AuditAlert, IncidentStep } from '../../core/audit-alert.ts';
import { eventTimeNs, formatIso8601 } from '../k8s-audit/event-time.ts';
import { getPath } from '../k8s-audit/json-value.ts';
import type { CompiledCorrelation } from './compile-correlation.ts';
import { CountState } from './count-state.ts';
import { type Offered, SequenceState } from './sequence-state.ts';

/** Keys kept per correlation before the stalest is evicted. */
export const DEFAULT_MAX_KEYS = 100_000;

export interface CorrelatorOptions {
  /** Keys per correlation (default 100,000); beyond it the least recently touched is evicted. */
  readonly maxKeys?: number;
  /**
   * The correlations an event could advance (the engine's index dispatch), in the order given;
   * the same array for the same answer, so the mapping to states is cached. Default: all.
   */
  readonly select?: (event: unknown) => readonly CompiledCorrelation[];
}

export interface CorrelatorStats {
  readonly name: string;
  /** Keys held now. */
  readonly keys: number;
  /** Keys dropped because the table was full: incidents may have been missed. */
  readonly evictions: number;
  /** Keys dropped because their window passed. */
  readonly expired: number;
}

/** The stateful half of an audit engine: every correlation's windows, fed one event at a time. */
export interface Correlator {
  /** The incidents this event completes, in correlation order. */
  process(event: unknown): AuditAlert[];
  stats(): CorrelatorStats[];
}

/**
 * Runs correlations over a stream of events in arrival order. Windows are measured on EVENT time
 * (`eventTimeNs`), not the wall clock, so a replayed log gives the same incidents as the live
 * stream did; an event without a timestamp is taken to happen at the latest time seen so far.
 * Only `k8s_audit` correlations run (the alerts it raises are k8s_audit alerts).
 */
export function createCorrelator(
  correlations: readonly CompiledCorrelation[],
  options: CorrelatorOptions = {},
): Correlator {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const states = correlations
    .filter((c) => c.source === 'k8s_audit')
    .map((c) => ({
      def: c,
      state: c.kind === 'sequence' ? new SequenceState(c, maxKeys) : new CountState(c, maxKeys),
    }));
  let latestMs = Number.NEGATIVE_INFINITY;
  const stateOf = new Map(states.map((s) => [s.def, s] as const));
  const chosenFor = new WeakMap<readonly CompiledCorrelation[], typeof states>();
  const select = options.select;
  const chosen = (event: unknown): typeof states => {
    if (select === undefined) return states;
    const defs = select(event);
    let found = chosenFor.get(defs);
    if (found === undefined) {
      found = defs.flatMap((d) => stateOf.get(d) ?? []);
      chosenFor.set(defs, found);
    }
    return found;
  };

  return {
    process(event) {
      if (states.length === 0) return [];
      const ns = eventTimeNs(event);
      const ms = ns === undefined ? undefined : Number(ns / 1_000_000n);
      // The clock advances on every event, also those no correlation can use: a later event without
      // a timestamp takes the latest time seen.
      if (ms !== undefined && ms > latestMs) latestMs = ms;
      const active = chosen(event);
      if (active.length === 0) return [];
      const nowMs = ms ?? (Number.isFinite(latestMs) ? latestMs : 0);
      // Formatting the time and describing the event cost more than most events need (they match
      // no step), so both wait until a step or an incident asks for them.
      let time: string | null | undefined;
      const timeText = (): string | null => {
        time ??= ns === undefined ? null : formatIso8601(ns);
        return time;
      };
      let base: Omit<IncidentStep, 'step'> | undefined;
      const offered: Offered = {
        event,
        nowMs,
        step: (name) => {
          base ??= stepOf(event, timeText(), states[0]!.def.describe);
          return { step: name, ...base };
        },
      };
      const alerts: AuditAlert[] = [];
      for (const { def, state } of active) {
        const done = state.offer(offered);
        if (done === undefined) continue;
        alerts.push({
          rule: def.name,
          priority: def.priority,
          time: timeText(),
          output: def.output(event),
          outputFields: def.outputFields(event),
          tags: def.tags,
          source: 'k8s_audit',
          incident: {
            kind: def.kind,
            key: done.key,
            firstTime: done.steps[0]?.time ?? null,
            count: def.count,
            steps: done.steps,
          },
        });
      }
      return alerts;
    },
    stats: () =>
      states.map(({ def, state }) => ({
        name: def.name,
        keys: state.table.size,
        evictions: state.table.evictions,
        expired: state.table.expired,
      })),
  };
}

function stepOf(
  event: unknown,
  time: string | null,
  describe: (e: unknown) => string,
): Omit<IncidentStep, 'step'> {
  const id = getPath(event, ['auditID']);
  return { time, ...(typeof id === 'string' ? { auditId: id } : {}), summary: describe(event) };
}
