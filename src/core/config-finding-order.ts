import { CONFIG_SEVERITIES, type ConfigFinding } from './config-finding.ts';

/** The fields that order configuration findings; every ConfigFinding has them. */
export type OrderedConfigFinding = Pick<ConfigFinding, 'ruleId' | 'severity' | 'message'> & {
  readonly resource: Pick<ConfigFinding['resource'], 'kind' | 'name' | 'namespace'>;
  readonly location: Pick<ConfigFinding['location'], 'file' | 'startLine' | 'path'>;
};

// Code-unit order, not localeCompare: output must not depend on the user's locale.
const cmp = (a = '', b = ''): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Report order of configuration findings: severity (highest first), file, start line (a finding
 * without one, about the whole file, first), rule id; then resource, JSON path and message, so
 * equal inputs always print the same way.
 */
export function compareConfigFindings(a: OrderedConfigFinding, b: OrderedConfigFinding): number {
  return (
    CONFIG_SEVERITIES.indexOf(a.severity) - CONFIG_SEVERITIES.indexOf(b.severity) ||
    cmp(a.location.file, b.location.file) ||
    (a.location.startLine ?? 0) - (b.location.startLine ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource.kind, b.resource.kind) ||
    cmp(a.resource.namespace, b.resource.namespace) ||
    cmp(a.resource.name, b.resource.name) ||
    cmp(a.location.path, b.location.path) ||
    cmp(a.message, b.message)
  );
}

/** A sorted copy (see compareConfigFindings). */
export function sortConfigFindings<T extends OrderedConfigFinding>(findings: readonly T[]): T[] {
  return [...findings].sort(compareConfigFindings);
}
