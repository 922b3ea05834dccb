import type { FieldDef, Getter } from './field-def.ts';
import { falcoStrings, getArray, getPath, isObject, listAt, pick, stringAt } from './json-value.ts';

/** One attribute of the role's rules, flattened over the rules (or over rule `index` only). */
function rulesAttribute(attribute: string, index: number | undefined): Getter {
  return (event) => {
    const rules = pick(getArray(event, ['requestObject', 'rules']), index);
    if (rules === undefined) return undefined;
    const out: string[] = [];
    for (const rule of rules) {
      const values = isObject(rule) ? rule[attribute] : undefined;
      if (Array.isArray(values)) out.push(...falcoStrings(values));
    }
    return out;
  };
}

function rulesField(attribute: string, what: string): FieldDef {
  return {
    name: `ka.req.role.rules.${attribute}`,
    type: 'list',
    description: `When the request object refers to a role/cluster role, the ${what} associated with the role's rules`,
    arg: 'index',
    build: (index) => rulesAttribute(attribute, index),
  };
}

/** Roles and bindings in the request object. */
export const rbacFields: readonly FieldDef[] = [
  {
    name: 'ka.req.role.rules',
    type: 'list',
    description:
      'When the request object refers to a role/cluster role, the rules associated with the role (each as JSON)',
    arg: 'index',
    build: (index) => listAt(index, 'requestObject', 'rules'),
  },
  rulesField('apiGroups', 'api groups'),
  rulesField('nonResourceURLs', 'non resource urls'),
  rulesField('verbs', 'verbs'),
  rulesField('resources', 'resources'),
  {
    name: 'ka.req.binding.subjects',
    type: 'list',
    description:
      'When the request object refers to a cluster role binding, the subjects (e.g. account/users) being linked by the binding (each as JSON)',
    arg: 'index',
    build: (index) => listAt(index, 'requestObject', 'subjects'),
  },
  {
    name: 'ka.req.binding.role',
    type: 'string',
    description:
      'When the request object refers to a cluster role binding, the role being linked by the binding',
    arg: 'none',
    build: () => stringAt('requestObject', 'roleRef', 'name'),
  },
  {
    name: 'ka.req.binding.subject.has_name',
    type: 'string',
    // The plugin documents "N/A" but returns "true", as the original in-Falco implementation did.
    description:
      'Deprecated: "true" whenever the request has a request object. Only provided for backwards compatibility',
    arg: 'key',
    build: () => (event) => (getPath(event, ['requestObject']) === undefined ? undefined : 'true'),
  },
];
