import { memoizedInScope } from '../event-scope.ts';
import type { FieldAccessor, FieldSource } from '../field-source.ts';
import type { FieldDef } from './field-def.ts';
import { containerFields } from './fields-containers.ts';
import { identityFields } from './fields-identity.ts';
import { jevtFields } from './fields-jevt.ts';
import { objectFields } from './fields-objects.ts';
import { podFields } from './fields-pod.ts';
import { rbacFields } from './fields-rbac.ts';
import { clusterFields, requestFields } from './fields-request.ts';
import { parseJsonPointer } from './json-pointer.ts';

export interface K8sAuditSourceOptions {
  /** Value of `ka.cluster.name`; audit events do not carry it. */
  readonly clusterName?: string;
}

/** Every field the k8s_audit source offers, in table order. */
export function k8sAuditFieldTable(options: K8sAuditSourceOptions = {}): readonly FieldDef[] {
  return [
    ...requestFields,
    ...clusterFields(options.clusterName),
    ...identityFields,
    ...objectFields,
    ...rbacFields,
    ...podFields,
    ...containerFields,
    ...jevtFields,
  ];
}

/**
 * What rule dispatch indexes audit rules by. Falco's rules pin the verb (`kcreate`, `kmodify`, …)
 * and the resource (`pod`, `secret`, …) in nearly every rule, so together they leave an event only
 * the few rules about its own kind of request (measured in rule-dispatch.test.ts).
 */
export const K8S_AUDIT_INDEX_FIELDS: readonly string[] = ['ka.verb', 'ka.target.resource'];

/**
 * Falco's `k8s_audit` source: the `ka.*` fields of the k8saudit plugin and the `jevt.*` JSON fields,
 * with the plugin's names and values (scalars and list elements rendered as strings; JSON objects as
 * compact JSON). Resolution parses the argument once; accessors never throw on missing parts.
 */
export function createK8sAuditSource(options: K8sAuditSourceOptions = {}): FieldSource {
  const table = new Map<string, FieldDef>();
  for (const def of k8sAuditFieldTable(options)) table.set(def.name, def);
  // One accessor per field and argument, shared by every rule that names it, so its per-event memo
  // serves them all.
  const resolved = new Map<string, FieldAccessor>();
  return {
    name: 'k8s_audit',
    indexFields: K8S_AUDIT_INDEX_FIELDS,
    resolve(name, arg) {
      const key = arg === undefined ? name : `${name}[${arg}]`;
      const known = resolved.get(key);
      if (known !== undefined) return known;
      const def = table.get(name);
      if (def === undefined) return { error: `Unknown k8s_audit field "${name}"` };
      const built = build(def, arg);
      if ('error' in built) return built;
      const accessor: FieldAccessor = { get: memoizedInScope(built.get), type: def.type };
      resolved.set(key, accessor);
      return accessor;
    },
  };
}

export const k8sAuditSource: FieldSource = createK8sAuditSource();

function build(
  def: FieldDef,
  arg: string | undefined,
): { readonly get: FieldAccessor['get'] } | { readonly error: string } {
  switch (def.arg) {
    case 'none':
      if (arg !== undefined) return { error: `Field "${def.name}" takes no argument, got [${arg}]` };
      return { get: def.build() };
    case 'index': {
      if (arg === undefined) return { get: def.build(undefined) };
      if (!/^(0|[1-9][0-9]{0,8})$/.test(arg)) {
        return { error: `Field "${def.name}" takes a list index (a non-negative integer), got [${arg}]` };
      }
      return { get: def.build(Number(arg)) };
    }
    case 'key':
      if (arg === undefined || arg === '')
        return { error: `Field "${def.name}" requires a key argument, e.g. ${def.name}[name]` };
      return { get: def.build(arg) };
    case 'pointer': {
      if (arg === undefined)
        return { error: `Field "${def.name}" requires a JSON pointer argument, e.g. ${def.name}[/verb]` };
      const parsed = parseJsonPointer(arg);
      if ('error' in parsed) return { error: `Field "${def.name}": ${parsed.error}` };
      return { get: def.build(parsed.tokens) };
    }
  }
}
