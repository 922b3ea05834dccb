import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';

/** One string of a PolicyRule list with its index, so a finding can point at `rules[0].verbs[2]`. */
export interface Entry {
  readonly value: string;
  readonly index: number;
}

/** One PolicyRule of a Role or ClusterRole. */
export interface PolicyRuleAt {
  readonly index: number;
  /** `rules[0]` */
  readonly path: string;
  readonly verbs: readonly Entry[];
  readonly apiGroups: readonly Entry[];
  readonly resources: readonly Entry[];
  readonly resourceNames: readonly string[];
}

function entries(v: unknown): Entry[] {
  if (!Array.isArray(v)) return [];
  const out: Entry[] = [];
  v.forEach((value: unknown, index) => {
    if (typeof value === 'string') out.push({ value, index });
  });
  return out;
}

/**
 * The resource rules of a Role or ClusterRole (none for other kinds). Rules that only name
 * nonResourceURLs are left out: they grant HTTP paths such as /healthz, not API objects. A ClusterRole's
 * aggregationRule is not followed: the controller fills `rules`, which is what is checked.
 */
export function policyRulesOf(obj: K8sObject): PolicyRuleAt[] {
  if (obj.kind !== 'Role' && obj.kind !== 'ClusterRole') return [];
  const rules = obj.raw.rules;
  if (!Array.isArray(rules)) return [];
  const out: PolicyRuleAt[] = [];
  rules.forEach((rule: unknown, index) => {
    if (!isRecord(rule)) return;
    const resources = entries(rule.resources);
    if (resources.length === 0) return;
    out.push({
      index,
      path: `rules[${index}]`,
      verbs: entries(rule.verbs),
      apiGroups: entries(rule.apiGroups),
      resources,
      resourceNames: entries(rule.resourceNames).map((e) => e.value),
    });
  });
  return out;
}

/**
 * The entry that grants one of `wanted`, as the API server's authorizer matches it: the exact value
 * first, then `*`, then (for resources only, `sub` set) the `*\/<subresource>` form. `pods/*` is not
 * a wildcard in RBAC and matches nothing.
 */
export function entryGranting(list: readonly Entry[], wanted: readonly string[]): Entry | undefined {
  const exact = list.find((e) => wanted.includes(e.value));
  if (exact !== undefined) return exact;
  const all = list.find((e) => e.value === '*');
  if (all !== undefined) return all;
  return list.find(
    (e) => e.value.startsWith('*/') && wanted.some((w) => w.includes('/') && w.endsWith(e.value.slice(1))),
  );
}

/** What a PolicyRule must allow for a permission: any of these verbs on any of these resources. */
export interface Permission {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
}

/** The entries through which a PolicyRule grants a permission. */
export interface Grant {
  readonly verb: Entry;
  readonly apiGroup: Entry;
  readonly resource: Entry;
}

/** How `rule` grants `permission`, or undefined when it does not. */
export function grantOf(rule: PolicyRuleAt, permission: Permission): Grant | undefined {
  const verb = entryGranting(rule.verbs, permission.verbs);
  const apiGroup = entryGranting(rule.apiGroups, permission.apiGroups);
  const resource = entryGranting(rule.resources, permission.resources);
  if (verb === undefined || apiGroup === undefined || resource === undefined) return undefined;
  return { verb, apiGroup, resource };
}

/** `["get", "list"]` → `get, list` for messages. */
export function listed(list: readonly Entry[]): string {
  return list.map((e) => e.value).join(', ');
}
