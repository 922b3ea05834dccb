import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldAccessor, FieldSource } from '../field-source.ts';
import { compileCondition } from '../language/compile-condition.ts';
import type { ConditionNode } from '../language/condition-ast.ts';
import { expandCondition } from '../language/expand-condition.ts';
import { parseCondition } from '../language/parse-condition.ts';
import { indexConstraints, indexFieldKey } from './index-constraints.ts';

const lists = new Map<string, string[]>([
  ['modify', ['create', 'update', 'patch']],
  ['outer', ['modify', 'delete']],
  ['nothing', []],
]);

function expanded(text: string): ConditionNode {
  const parsed = parseCondition(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  const macros = new Map<string, ConditionNode>();
  for (const [name, body] of [
    ['kcreate', 'v=create'],
    ['kmodify', 'v in (modify)'],
    ['pod', 'r=pods and not sub exists'],
  ] as const) {
    const m = parseCondition(body);
    assert.ok(m.ok);
    macros.set(name, m.value);
  }
  const e = expandCondition(parsed.value, { macros, lists });
  assert.ok(e.ok, e.ok ? '' : e.error.message);
  return e.value;
}

/** The constraints as a plain object of sorted arrays, for readable tables. */
function show(text: string, fields: readonly string[] = ['v', 'r']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, values] of indexConstraints(expanded(text), fields)) out[k] = [...values].sort();
  return out;
}

describe('indexConstraints', () => {
  const table: [string, Record<string, string[]>][] = [
    ['v = get', { v: ['get'] }],
    ['v == get', { v: ['get'] }],
    ['v = "get"', { v: ['get'] }],
    // Case and spelling are kept: compile-condition compares text exactly.
    ['v = GET', { v: ['GET'] }],
    ['v = "a b"', { v: ['a b'] }],
    ['v = 200', { v: ['200'] }],
    ['v in (get, list)', { v: ['get', 'list'] }],
    ['v intersects (get, list)', { v: ['get', 'list'] }],
    // Lists (nested too) are inlined before indexing; a quoted name is a value, not a list.
    ['v in (outer)', { v: ['create', 'delete', 'patch', 'update'] }],
    ['v in ("modify")', { v: ['modify'] }],
    ['v in modify', { v: ['create', 'patch', 'update'] }],
    ['v = modify', { v: ['modify'] }],
    ['v in (nothing)', { v: [] }],
    ['kmodify and kcreate', { v: ['create'] }],
    ['kcreate and pod', { v: ['create'], r: ['pods'] }],
    ['v = get and v = create', { v: [] }],
    ['v = get or v in (list, watch)', { v: ['get', 'list', 'watch'] }],
    ['(v = get and r = pods) or (v = list and r = secrets)', { v: ['get', 'list'], r: ['pods', 'secrets'] }],
    ['(v = get and r = pods) or v = list', { v: ['get', 'list'] }],
    ['v = get or u = bob', {}],
    ['(v = get or v = list) and (v = list or v = watch)', { v: ['list'] }],
    ['not v = get', {}],
    ['not not v = get', {}],
    ['v != get', {}],
    ['v startswith get', {}],
    ['v contains get', {}],
    ['v glob "g*"', {}],
    ['v pmatch (/a)', {}],
    ['v exists', {}],
    ['v.x = get', {}],
    ['u = get', {}],
    // A field with an argument is a different field.
    ['v[0] = get', {}],
    ['j[/verb] = get', {}],
    ['v = get and (not r = pods)', { v: ['get'] }],
  ];
  for (const [text, want] of table) {
    it(text, () => assert.deepEqual(show(text), want));
  }

  it('indexes a field with an argument when the index names it so', () => {
    assert.deepEqual(show('j[/stage] in (A, B) and v = get', ['j[/stage]']), { 'j[/stage]': ['A', 'B'] });
    assert.equal(indexFieldKey({ name: 'j', arg: '/stage' }), 'j[/stage]');
    assert.equal(indexFieldKey({ name: 'v', arg: undefined }), 'v');
  });

  it('derives nothing without index fields', () => {
    assert.equal(indexConstraints(expanded('v = get'), []).size, 0);
  });
});

// Soundness against the compiled semantics: for random conditions and random events, whenever the
// compiled condition is true, every constrained index field holds a string in its set (the only
// use rule-dispatch makes of the sets: a non-string value is never pruned).

/** `a`, `b`: scalars of any JSON kind; `n`: a number field; `l`: a list field. */
const types: Record<string, FieldAccessor['type']> = { a: 'string', b: 'string', n: 'number', l: 'list' };
const source: FieldSource = {
  name: 'test',
  resolve(name, arg) {
    const type = types[name];
    if (type === undefined || arg !== undefined) return { error: `Unknown field ${name}` };
    return { type, get: (e) => (e as Record<string, unknown>)[name] };
  },
};

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['get', 'GET', 'list', '1', '1.0', '01', 'true', '"get"', 'a b'];
const EVENT_VALUES: unknown[] = [
  undefined,
  null,
  'get',
  'GET',
  'list',
  '1',
  '1.0',
  '01',
  'true',
  'a b',
  1,
  true,
  ['get'],
  { k: 'get' },
];

describe('indexConstraints is sound for compileCondition', () => {
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const quote = (w: string) => JSON.stringify(w);
  const leaf = (): string => {
    const field = pick(['a', 'b', 'l', 'n']);
    const op = pick(['=', '==', '!=', 'in', 'intersects', 'startswith', 'exists']);
    if (op === 'exists') return `${field} exists`;
    if (field === 'n') return `${field} ${pick(['=', '!=', '<'])} ${pick(['1', '2'])}`;
    if (op === 'in' || op === 'intersects') {
      const n = Math.floor(rand() * 3);
      return `${field} ${op} (${Array.from({ length: n }, () => quote(pick(WORDS))).join(', ')})`;
    }
    return `${field} ${op} ${quote(pick(WORDS))}`;
  };
  const condition = (depth: number): string => {
    const r = rand();
    if (depth === 0 || r < 0.3) return leaf();
    if (r < 0.45) return `not (${condition(depth - 1)})`;
    const n = 2 + Math.floor(rand() * 2);
    const items = Array.from({ length: n }, () => `(${condition(depth - 1)})`);
    return items.join(r < 0.75 ? ' and ' : ' or ');
  };

  it('holds for 3,000 random conditions over 784 events each', () => {
    let trueCases = 0;
    let constrained = 0;
    for (let c = 0; c < 3000; c++) {
      const text = condition(3);
      const ast = expanded(text);
      const compiled = compileCondition(ast, source);
      assert.ok(compiled.ok, text);
      const cons = indexConstraints(ast, ['a', 'b']);
      if (cons.size > 0) constrained++;
      for (const a of EVENT_VALUES)
        for (const b of EVENT_VALUES)
          for (const l of [undefined, ['get'], ['get', 'list'], []]) {
            const event = { a, b, l, n: 1 };
            if (!compiled.fn(event)) continue;
            trueCases++;
            for (const [field, values] of cons) {
              const v = event[field as 'a' | 'b'];
              assert.ok(v !== undefined && v !== null, `${text}: true with ${field} absent`);
              if (typeof v === 'string') assert.ok(values.has(v), `${text}: true with ${field}=${v}`);
            }
          }
    }
    // The property was really exercised.
    assert.ok(constrained > 500, `only ${constrained} constrained conditions`);
    assert.ok(trueCases > 10_000, `only ${trueCases} true cases`);
  });
});
