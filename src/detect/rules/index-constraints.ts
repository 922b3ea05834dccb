import type { ConditionNode, FieldRef } from '../language/condition-ast.ts';

/**
 * For each constrained index field, the only values that field can have when the condition is
 * true. A field that is not a key is unconstrained (any value, or none, may match). An empty set
 * means the condition can never be true.
 */
export type IndexConstraints = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * How a field reference is named in an index: `ka.verb`, or `jevt.value[/stage]` with its
 * argument, the key compile-condition resolves accessors by. A field with an argument is a
 * different field from the same name without one (`ka.req.pod.containers.image[0]` is not
 * `ka.req.pod.containers.image`).
 */
export function indexFieldKey(ref: Pick<FieldRef, 'name' | 'arg'>): string {
  return ref.arg === undefined ? ref.name : `${ref.name}[${ref.arg}]`;
}

/**
 * Derives, from an expanded condition, the values each index field must have for the condition to
 * be true. Sound, not complete: a constraint is only derived where compile-condition's semantics
 * make it certain, and everything else is unconstrained.
 *
 * The sets hold text compared with `===` against the field's value when that value is a string,
 * which is exactly how compile-condition evaluates these operators on a scalar (non-`list`) field
 * holding a string: `F = v`/`F == v` compare `toText(value) === v` (the numeric path applies only
 * when the value is a number), and `F in (…)`/`F intersects (…)` test set membership of
 * `toText(value)`. The caller must therefore only use the sets for scalar fields, and only when
 * the value read is a string; an absent value (undefined, null) makes every such comparison false,
 * so a constrained rule cannot match it.
 *
 * - `F = v` → {v}; `F in (a, b)` → {a, b} (lists are already inlined by expandCondition).
 * - `and` → the intersection, per field, of the items that constrain it.
 * - `or` → the union, only for fields every branch constrains.
 * - `not`, `!=`, `startswith`, `pmatch`, `exists`, bare fields… → unconstrained: `not (F = v)` is
 *   true for every other value, and the text operators do not name a finite set.
 */
export function indexConstraints(node: ConditionNode, indexFields: Iterable<string>): IndexConstraints {
  const fields = new Set(indexFields);
  if (fields.size === 0) return new Map();
  return derive(node, fields);
}

function derive(node: ConditionNode, fields: ReadonlySet<string>): Map<string, ReadonlySet<string>> {
  switch (node.kind) {
    case 'compare': {
      const key = indexFieldKey(node.field);
      if (!fields.has(key)) return new Map();
      const op = node.op;
      if (op !== '=' && op !== '==' && op !== 'in' && op !== 'intersects') return new Map();
      const items = node.value.kind === 'list' ? node.value.items : [node.value.item];
      return new Map([[key, new Set(items.map((i) => i.text))]]);
    }
    case 'and': {
      const out = new Map<string, ReadonlySet<string>>();
      for (const item of node.items) {
        for (const [key, values] of derive(item, fields)) {
          const known = out.get(key);
          out.set(key, known === undefined ? values : intersect(known, values));
        }
      }
      return out;
    }
    case 'or': {
      // `or` of nothing is never true (compile-condition's `any([])`): every field is impossible.
      if (node.items.length === 0) return new Map([...fields].map((f) => [f, new Set<string>()]));
      const branches = node.items.map((item) => derive(item, fields));
      const out = new Map<string, ReadonlySet<string>>();
      for (const key of fields) {
        const union = new Set<string>();
        let everyBranch = true;
        for (const branch of branches) {
          const values = branch.get(key);
          if (values === undefined) {
            everyBranch = false;
            break;
          }
          for (const v of values) union.add(v);
        }
        if (everyBranch) out.set(key, union);
      }
      return out;
    }
    case 'not':
    case 'exists':
    case 'field':
    case 'macro':
      return new Map();
  }
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const v of a) if (b.has(v)) out.add(v);
  return out;
}
