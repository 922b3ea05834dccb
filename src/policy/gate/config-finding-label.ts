import { sortConfigFindings } from '../../core/config-finding-order.ts';
import { configLocationLabel } from '../../core/config-location-label.ts';
import { configResourceLabel } from '../../core/config-resource-label.ts';
import type { GateConfigFinding } from './gate-report.ts';

/**
 * One line naming a misconfiguration:
 * `BW-K8S-014 (CRITICAL) Pod/default/attacker: hostPath volume "host" mounts the host's / — deploy/pod.yaml:12`,
 * `BW-DF-003 (MEDIUM) Dockerfile/build: RUN pipes a download into a shell — Dockerfile:7-9`.
 */
export function configFindingLabel(f: GateConfigFinding): string {
  const where = configLocationLabel(f.location);
  return `${f.ruleId} (${f.severity}) ${configResourceLabel(f.resource)}: ${f.message} — ${where}`;
}

/** Labels in report order (severity, file, line, rule id); identical labels are listed once. */
export function configFindingLabels(findings: readonly GateConfigFinding[]): string[] {
  return [...new Set(sortConfigFindings(findings).map(configFindingLabel))];
}

/** `1 misconfiguration` / `3 misconfigurations`. */
export function countMisconfigurations(n: number): string {
  return `${n} misconfiguration${n === 1 ? '' : 's'}`;
}
