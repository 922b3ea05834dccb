import { memoizedInScope } from '../event-scope.ts';
import type { FieldAccessor, FieldSource } from '../field-source.ts';
import type { ConditionNode, FieldRef, ScalarOperator, ValueItem } from './condition-ast.ts';
import { type ConditionError, errorAt } from './condition-error.ts';
import { globToRegExp, pathMatcher } from './match-glob.ts';

export type EventPredicate = (event: unknown) => boolean;

export type CompileResult =
  | { readonly ok: true; readonly fn: EventPredicate; readonly fields: readonly string[] }
  | { readonly ok: false; readonly error: ConditionError };

class CompileFailure extends Error {
  constructor(readonly condition: ConditionError) {
    super(condition.message);
  }
}

type Test = (value: unknown) => boolean;

/**
 * Compound subconditions compiled once for a whole rule set, by their text without positions:
 * macros are inlined before compiling, so Falco's `kevt and pod and kcreate` appears in dozens of
 * rules; sharing one closure per distinct subtree, memoized per event (event-scope.ts), evaluates
 * it once per event instead of once per rule.
 */
export type SharedSubconditions = Map<string, EventPredicate>;

const withoutPositions = (key: string, value: unknown): unknown => (key === 'pos' ? undefined : value);

/**
 * Compiles an expanded condition into one closure over the source's accessors; every field is
 * resolved once, here, so evaluation never walks the AST or looks a field up by name.
 *
 * Semantics (Falco's, where Falco has one):
 * - An absent field (`undefined`, `null`, or an empty list) makes every comparison false, `!=`
 *   included, as in libsinsp where a field that extracts nothing fails its check; only `not` turns
 *   that into true. `exists` is true when the field is present.
 * - List fields (accessor type `list`): `in` and `pmatch` need every element to match (libsinsp's
 *   rule for multi-value fields), `intersects` needs one; the other operators are true when some
 *   element matches, and `!=` when no element equals the value.
 * - Values compare as text (numbers and booleans by their JSON spelling, objects as JSON), except
 *   that `=`, `!=`, `<`, `<=`, `>`, `>=` compare numerically when both sides are numbers; a `number`
 *   field compared with a non-number is a load error.
 * - `icontains` is case-insensitive; all other text operators are case-sensitive.
 * - A bare field is true when it is `true`, `"true"` or a non-zero number (for a list: any element).
 * - A set operator's single unquoted value that is not a list name is a one-item set.
 */
export function compileCondition(
  ast: ConditionNode,
  source: FieldSource,
  shared?: SharedSubconditions,
): CompileResult {
  const accessors = new Map<string, FieldAccessor>();

  const resolve = (ref: FieldRef): FieldAccessor => {
    const key = ref.arg === undefined ? ref.name : `${ref.name}[${ref.arg}]`;
    const known = accessors.get(key);
    if (known !== undefined) return known;
    const got = source.resolve(ref.name, ref.arg);
    if ('error' in got) throw new CompileFailure(errorAt(ref.pos, got.error).error);
    accessors.set(key, got);
    return got;
  };

  const compile = (node: ConditionNode): EventPredicate => {
    if (shared === undefined || (node.kind !== 'and' && node.kind !== 'or' && node.kind !== 'not')) {
      return compileNode(node);
    }
    const key = JSON.stringify(node, withoutPositions);
    const known = shared.get(key);
    if (known !== undefined) return known;
    const fn = memoizedInScope(compileNode(node)) as EventPredicate;
    shared.set(key, fn);
    return fn;
  };

  const compileNode = (node: ConditionNode): EventPredicate => {
    switch (node.kind) {
      case 'and':
        return all(node.items.map(compile));
      case 'or':
        return any(node.items.map(compile));
      case 'not': {
        const inner = compile(node.operand);
        return (e) => !inner(e);
      }
      case 'exists': {
        const { get } = resolve(node.field);
        return (e) => isPresent(get(e));
      }
      case 'field': {
        const acc = resolve(node.field);
        return liftScalar(acc, isTruthy);
      }
      case 'macro':
        throw new CompileFailure(errorAt(node.pos, `Undefined macro '${node.name}'`).error);
      case 'compare': {
        const acc = resolve(node.field);
        const items = node.value.kind === 'list' ? node.value.items : [node.value.item];
        if (node.op === 'in' || node.op === 'intersects' || node.op === 'pmatch') {
          const texts = items.map((i) => i.text);
          const set = new Set(texts);
          const test: Test = node.op === 'pmatch' ? matchText(pathMatcher(texts)) : (v) => set.has(toText(v));
          if (acc.type !== 'list') return liftScalar(acc, test);
          return node.op === 'intersects' ? liftSome(acc.get, test) : liftEvery(acc.get, test);
        }
        const item = items[0]!;
        if (acc.type === 'number' && isNumberOperator(node.op) && toNumber(item.text) === undefined) {
          const message = `Field ${node.field.name} is a number; '${item.text}' is not`;
          throw new CompileFailure(errorAt(item.pos, message).error);
        }
        if (node.op === '!=') {
          const eq = scalarTest('=', item);
          if (acc.type !== 'list') return liftScalar(acc, (v) => !eq(v));
          const some = liftSome(acc.get, eq);
          const get = acc.get;
          return (e) => isPresent(get(e)) && !some(e);
        }
        return liftScalar(acc, scalarTest(node.op, item));
      }
    }
  };

  try {
    const fn = compile(ast);
    return { ok: true, fn, fields: [...accessors.keys()] };
  } catch (e) {
    if (e instanceof CompileFailure) return { ok: false, error: e.condition };
    throw e;
  }
}

function all(fns: EventPredicate[]): EventPredicate {
  if (fns.length === 2) {
    const [a, b] = fns as [EventPredicate, EventPredicate];
    return (e) => a(e) && b(e);
  }
  return (e) => {
    for (const f of fns) if (!f(e)) return false;
    return true;
  };
}

function any(fns: EventPredicate[]): EventPredicate {
  if (fns.length === 2) {
    const [a, b] = fns as [EventPredicate, EventPredicate];
    return (e) => a(e) || b(e);
  }
  return (e) => {
    for (const f of fns) if (f(e)) return true;
    return false;
  };
}

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** A scalar test on a field: list fields pass when some element passes. */
function liftScalar(acc: FieldAccessor, test: Test): EventPredicate {
  const get = acc.get;
  if (acc.type === 'list') return liftSome(get, test);
  return (e) => {
    const v = get(e);
    return v !== undefined && v !== null && test(v);
  };
}

function liftSome(get: FieldAccessor['get'], test: Test): EventPredicate {
  return (e) => {
    const v = get(e);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return test(v);
    for (const x of v) if (x !== undefined && x !== null && test(x)) return true;
    return false;
  };
}

function liftEvery(get: FieldAccessor['get'], test: Test): EventPredicate {
  return (e) => {
    const v = get(e);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return test(v);
    if (v.length === 0) return false;
    for (const x of v) if (x === undefined || x === null || !test(x)) return false;
    return true;
  };
}

function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function isTruthy(v: unknown): boolean {
  return v === true || v === 'true' || (typeof v === 'number' && v !== 0);
}

function isNumberOperator(op: ScalarOperator | 'in' | 'intersects' | 'pmatch'): boolean {
  return op === '=' || op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=';
}

function matchText(match: (s: string) => boolean): Test {
  return (v) => match(toText(v));
}

function scalarTest(op: ScalarOperator, item: ValueItem): Test {
  const want = item.text;
  const wantNumber = toNumber(want);
  switch (op) {
    case '=':
    case '==':
    case '!=':
      if (wantNumber === undefined) return (v) => toText(v) === want;
      return (v) => (typeof v === 'number' ? v === wantNumber : toText(v) === want);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const cmp = ordering(op);
      return (v) => {
        const n = wantNumber === undefined ? undefined : toNumber(v);
        if (n !== undefined && wantNumber !== undefined) return cmp(n, wantNumber);
        return cmp(toText(v), want);
      };
    }
    case 'contains':
      return (v) => toText(v).includes(want);
    case 'icontains': {
      const lower = want.toLowerCase();
      return (v) => toText(v).toLowerCase().includes(lower);
    }
    case 'startswith':
      return (v) => toText(v).startsWith(want);
    case 'endswith':
      return (v) => toText(v).endsWith(want);
    case 'glob': {
      const re = globToRegExp(want);
      return (v) => re.test(toText(v));
    }
  }
}

function ordering(op: '<' | '<=' | '>' | '>='): <T extends number | string>(a: T, b: T) => boolean {
  switch (op) {
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
  }
}
