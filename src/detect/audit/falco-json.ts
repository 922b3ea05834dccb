import type { AuditAlert } from '../../core/audit-alert.ts';

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
    // Not in Falco's shape: a correlation's incident (the events it joined).
    ...(alert.incident === undefined ? {} : { incident: alert.incident }),
  };
}
