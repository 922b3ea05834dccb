import { eventTimeNs, formatIso8601 } from '../k8s-audit/event-time.ts';
import type { CompiledRule } from '../rules/load-rules.ts';
import type { AuditAlert } from '../../core/audit-alert.ts';

/**
 * One running detection over a stream of audit events: the stateless rules, and (as they are
 * added) stateful correlations whose windows live inside the engine. `bulwark audit`, the
 * `--follow` tail and the server's audit webhook all feed events through one of these, so they
 * give the same alerts for the same events.
 */
export interface AuditEngine {
  /** The alerts this event raises: rule alerts in rule order, then any incidents it completes. */
  process(event: unknown): AuditAlert[];
}

export interface AuditRuleset {
  readonly rules: readonly CompiledRule[];
}

export function createAuditEngine(ruleset: AuditRuleset): AuditEngine {
  const active = ruleset.rules.filter((r) => r.source === 'k8s_audit');
  return { process: (event) => alertsForEvent(event, active) };
}

/** The alerts of one event, in rule order. Rules of other sources are ignored. */
function alertsForEvent(event: unknown, rules: readonly CompiledRule[]): AuditAlert[] {
  const alerts: AuditAlert[] = [];
  let time: string | null | undefined;
  for (const rule of rules) {
    if (rule.source !== 'k8s_audit' || !rule.match(event)) continue;
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
