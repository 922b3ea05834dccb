import { eventTimeNs, formatIso8601 } from '../k8s-audit/event-time.ts';
import type { CompiledRule } from '../rules/load-rules.ts';

/** One rule matching one audit event. */
export interface AuditAlert {
  readonly rule: string;
  readonly priority: string;
  /** From the event's `stageTimestamp` (else `requestReceivedTimestamp`, `timestamp`); null when none. */
  readonly time: string | null;
  readonly output: string;
  readonly outputFields: Record<string, unknown>;
  readonly tags: readonly string[];
  readonly source: 'k8s_audit';
}

/** The alerts of one event, in rule order. Rules of other sources are ignored. */
export function alertsForEvent(event: unknown, rules: readonly CompiledRule[]): AuditAlert[] {
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

/** Runs the rules over the events; alerts come out in event order, then rule order. */
export async function* runAudit(
  events: AsyncIterable<unknown> | Iterable<unknown>,
  rules: readonly CompiledRule[],
): AsyncGenerator<AuditAlert> {
  const active = rules.filter((r) => r.source === 'k8s_audit');
  for await (const event of events) yield* alertsForEvent(event, active);
}

const PRIORITY_NAMES: Record<string, string> = {
  emergency: 'Emergency',
  alert: 'Alert',
  critical: 'Critical',
  error: 'Error',
  warning: 'Warning',
  notice: 'Notice',
  info: 'Informational',
  informational: 'Informational',
  debug: 'Debug',
};

/** The alert as Falco writes it with `json_output: true`. */
export function toFalcoJson(alert: AuditAlert): Record<string, unknown> {
  return {
    time: alert.time,
    rule: alert.rule,
    priority: PRIORITY_NAMES[alert.priority.toLowerCase()] ?? alert.priority,
    source: alert.source,
    output: alert.output,
    output_fields: alert.outputFields,
    tags: alert.tags,
  };
}
