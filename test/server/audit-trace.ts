import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditAlert } from '../../src/core/audit-alert.ts';
import { createAuditEngine } from '../../src/detect/audit/audit-engine.ts';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { type LoadRulesResult, loadRules } from '../../src/detect/rules/load-rules.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// Real input for the audit webhook's tests: Falco's k8s_audit rules file and the audit events of
// Falco's own k8s_audit trace files (JSON lines, one file per scenario).

/** Falco's current k8s_audit rules file (from the k8saudit plugin). */
export function falcoRulesPath(): string {
  return sharedData(
    'k8s',
    'audit-falco',
    'current-plugins-k8saudit',
    'plugins',
    'k8saudit',
    'rules',
    'k8s_audit_rules.yaml',
  );
}

/** Falco's rules loaded with the k8s_audit source; throws when they do not load. */
export function falcoRules(): Extract<LoadRulesResult, { ok: true }> {
  const path = falcoRulesPath();
  const loaded = loadRules(
    [{ path, text: readFileSync(path, 'utf8') }],
    new Map([['k8s_audit', k8sAuditSource]]),
  );
  if (!loaded.ok) throw new Error(`Falco's rules did not load: ${JSON.stringify(loaded.errors)}`);
  return loaded;
}

/** Every event of the trace files, files in name order, lines in file order. */
export function traceEvents(): Record<string, unknown>[] {
  const dir = sharedData('k8s', 'audit-falco', 'falco-legacy-tests', 'test', 'trace_files', 'k8s_audit');
  const events: Record<string, unknown>[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line.trim() !== '') events.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return events;
}

/** An `audit.k8s.io/v1` EventList, as the API server's batching webhook backend sends it. */
export function eventList(items: readonly unknown[]): Record<string, unknown> {
  return { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items };
}

/** Consecutive batches of at most `size` items. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An alert as the API returns it, without what the store adds (id, receivedAt). */
export type ExpectedAlert = AuditAlert & { readonly auditId?: string };

/**
 * What running the events straight through one `createAuditEngine` raises, in order, each with its
 * event's auditID, as JSON would carry it (an undefined output field is not sent).
 */
export function expectedAlerts(events: readonly Record<string, unknown>[]): ExpectedAlert[] {
  const engine = createAuditEngine(falcoRules());
  const out: ExpectedAlert[] = [];
  for (const event of events) {
    // What the server refuses to evaluate (an item whose kind is not Event) the engine never sees.
    if (event.kind !== undefined && event.kind !== 'Event') continue;
    for (const alert of engine.process(event)) {
      const auditId = event.auditID;
      out.push(
        JSON.parse(
          JSON.stringify(typeof auditId === 'string' ? { ...alert, auditId } : alert),
        ) as ExpectedAlert,
      );
    }
  }
  return out;
}
