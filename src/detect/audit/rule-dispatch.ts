import type { FieldAccessor, FieldSource } from '../field-source.ts';
import type { ConditionNode } from '../language/condition-ast.ts';
import { type IndexConstraints, indexConstraints } from '../rules/index-constraints.ts';

/** What can be dispatched: compiled rules, and correlations (whose condition joins their steps'). */
export interface Dispatchable {
  readonly source: string;
  /** The expanded condition the item's match was compiled from. */
  readonly condition: ConditionNode;
}

/** The items an event could match, in the order they were given. */
export type RuleDispatch<T extends Dispatchable> = (event: unknown) => readonly T[];

export interface RuleDispatchOptions {
  /** Overrides `source.indexFields` (benchmarks and tests compare index choices); `[]` disables. */
  readonly indexFields?: readonly string[];
  /** Most candidate lists kept at once (default 4096); the cache starts over when it is full. */
  readonly maxCacheEntries?: number;
}

const DEFAULT_MAX_CACHE = 4096;
/** A value's id when it is absent or no rule names it: only unconstrained rules can match. */
const NONE = 0;
/** A value's id when it is present but not a string: the index cannot decide, every rule stays. */
const ANY = 1;
const FIELD_KEY = /^([^[\]]+)(?:\[(.*)\])?$/s;

interface IndexField {
  readonly key: string;
  readonly get: FieldAccessor['get'];
  /** Ids of the values rules name, from 2; other strings are NONE. */
  readonly ids: ReadonlyMap<string, number>;
  readonly values: readonly string[];
  /** Number of ids (values + NONE + ANY): the radix of this field in a combination key. */
  readonly radix: number;
}

/**
 * Rule dispatch as Falco indexes rulesets by event type: each rule's condition is reduced once to
 * the values its index fields must have (`indexConstraints`), and an event only meets the rules
 * whose constraints its own values satisfy. Per event, the index fields are read once with the
 * source's accessors; the candidate list for each combination of values is computed once and
 * cached (values no rule names share one entry, so the cache stays small; it is bounded anyway).
 *
 * Sound by construction: a rule is skipped only when its condition requires an index field to hold
 * one of a set of strings and the event's value is absent or another string. Rules of another
 * source, and index fields of type `list` or unknown to the source, are never used to skip.
 */
export function createRuleDispatch<T extends Dispatchable>(
  rules: readonly T[],
  source: FieldSource,
  options: RuleDispatchOptions = {},
): RuleDispatch<T> {
  const wanted = options.indexFields ?? source.indexFields ?? [];
  const accessors = new Map<string, FieldAccessor['get']>();
  for (const key of wanted) {
    const get = scalarAccessor(source, key);
    if (get !== undefined) accessors.set(key, get);
  }
  const constraints: IndexConstraints[] = rules.map((r) =>
    r.source === source.name ? indexConstraints(r.condition, accessors.keys()) : new Map(),
  );

  const fields: IndexField[] = [];
  let combinations = 1;
  for (const [key, get] of accessors) {
    const named = new Set<string>();
    for (const c of constraints) for (const v of c.get(key) ?? []) named.add(v);
    const values = [...named];
    const radix = values.length + 2;
    // Combination keys are exact integers; a field that would overflow them is left out (less pruning, same results).
    if (combinations * radix > Number.MAX_SAFE_INTEGER) continue;
    combinations *= radix;
    fields.push({ key, get, ids: new Map(values.map((v, i) => [v, i + 2])), values, radix });
  }
  if (fields.length === 0) return () => rules;

  const candidatesFor = (ids: readonly number[]): T[] =>
    rules.filter((_, r) =>
      fields.every((f, i) => {
        const allowed = constraints[r]!.get(f.key);
        const id = ids[i]!;
        return allowed === undefined || id === ANY || (id !== NONE && allowed.has(f.values[id - 2]!));
      }),
    );

  const maxCache = options.maxCacheEntries ?? DEFAULT_MAX_CACHE;
  const cache = new Map<number, readonly T[]>();
  const ids: number[] = fields.map(() => NONE);
  return (event) => {
    let combination = 0;
    let scale = 1;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const v = f.get(event);
      const id = v === undefined || v === null ? NONE : typeof v === 'string' ? (f.ids.get(v) ?? NONE) : ANY;
      ids[i] = id;
      combination += id * scale;
      scale *= f.radix;
    }
    const known = cache.get(combination);
    if (known !== undefined) return known;
    if (cache.size >= maxCache) cache.clear();
    const found = candidatesFor(ids);
    cache.set(combination, found);
    return found;
  };
}

/** The accessor of an index field named `name` or `name[arg]`, when it is a scalar the source knows. */
function scalarAccessor(source: FieldSource, key: string): FieldAccessor['get'] | undefined {
  const m = FIELD_KEY.exec(key);
  if (m === null) return undefined;
  const got = source.resolve(m[1]!, m[2]);
  if ('error' in got || got.type === 'list') return undefined;
  return got.get;
}
