import type { AuditAlert } from '../../core/audit-alert.ts';
import type { CompiledCorrelation } from '../correlate/compile-correlation.ts';
import { type CorrelatorOptions, createCorrelator } from '../correlate/correlator.ts';
import { enterEventScope, leaveEventScope } from '../event-scope.ts';
import type { FieldSource } from '../field-source.ts';
import { eventTimeNs, formatIso8601 } from '../k8s-audit/event-time.ts';
import { k8sAuditSource } from '../k8s-audit/k8s-audit-source.ts';
import type { CompiledRule } from '../rules/load-rules.ts';
import { createRuleDispatch } from './rule-dispatch.ts';

/**
 * One running detection over a stream of audit events: the stateless rules, and stateful
 * correlations whose windows live inside the engine. `bulwark audit`, the `--follow` tail and the
 * server's audit webhook all feed events through one of these, so they give the same alerts for
 * the same events. Feed one stream per engine: correlation windows assume events in arrival order.
 */
export interface AuditEngine {
  /** The alerts this event raises: rule alerts in rule order, then any incidents it completes. */
  process(event: unknown): AuditAlert[];
}

export interface AuditRuleset {
  readonly rules: readonly CompiledRule[];
  /** From `loadRules`; correlations of other sources are ignored. */
  readonly correlations?: readonly CompiledCorrelation[];
  /** Bounds on the correlations' state (keys per correlation). */
  readonly correlator?: Omit<CorrelatorOptions, 'select'>;
}

export interface AuditEngineOptions {
  /**
   * The source the rules were compiled with, whose `indexFields` the dispatch reads (default: the
   * k8s_audit source; its verb and resource accessors do not depend on its options).
   */
  readonly source?: FieldSource;
  /** Meet every rule with every event (benchmarks compare; default false). */
  readonly unindexed?: boolean;
}

/**
 * An engine over a loaded rule set. Rules and correlations are indexed by the values their
 * conditions require of the source's index fields (verb and resource for k8s_audit), as Falco
 * indexes syscall rules by event type: an event meets only the rules and correlations that could
 * match it (rule-dispatch.ts; equivalence with meeting every rule is tested on real events).
 */
export function createAuditEngine(ruleset: AuditRuleset, options: AuditEngineOptions = {}): AuditEngine {
  const source = options.source ?? k8sAuditSource;
  const index = options.unindexed === true ? { indexFields: [] } : {};
  const active = ruleset.rules.filter((r) => r.source === 'k8s_audit');
  const rulesFor = createRuleDispatch(active, source, index);
  const correlations = (ruleset.correlations ?? []).filter((c) => c.source === 'k8s_audit');
  const correlator =
    correlations.length === 0
      ? undefined
      : createCorrelator(correlations, {
          ...ruleset.correlator,
          select: createRuleDispatch(correlations, source, index),
        });
  return {
    process: (event) => {
      // Within the scope each field is read once for this event, however many rules name it.
      const outer = enterEventScope();
      try {
        const alerts = alertsForEvent(event, rulesFor(event));
        // Correlations run after the rules, so an event's own alerts come before incidents it completes.
        if (correlator !== undefined) alerts.push(...correlator.process(event));
        return alerts;
      } finally {
        leaveEventScope(outer);
      }
    },
  };
}

/** The alerts of one event, in rule order. Rules of other sources are ignored. */
function alertsForEvent(event: unknown, rules: readonly CompiledRule[]): AuditAlert[] {
  const alerts: AuditAlert[] = [];
  let time: string | null | undefined;
  for (const rule of rules) {
    if (!rule.match(event)) continue;
    if (time === undefined) {
      const ns = eventTimeNs(event);
      time = ns === undefined ? null : formatIso8601(ns);
    }
    alerts.push({
      rule: rule.name,
      priority: rule.priority,
      time,
      output: rule.output(event),
      outputFields: rule.outputFields(event),
      tags: rule.tags,
      source: 'k8s_audit',
    });
  }
  return alerts;
}
