import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConditionNode } from './condition-ast.ts';
import { expandCondition } from './expand-condition.ts';
import { parseCondition } from './parse-condition.ts';
import { showCondition as show } from './show-condition.ts';

function ast(text: string): ConditionNode {
  const r = parseCondition(text);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

function defs(macros: Record<string, string>, lists: Record<string, string[]> = {}) {
  return {
    macros: new Map(Object.entries(macros).map(([k, v]) => [k, ast(v)] as const)),
    lists: new Map(Object.entries(lists)),
  };
}

function expanded(text: string, d: ReturnType<typeof defs>): string {
  const r = expandCondition(ast(text), d);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return show(r.value);
}

describe('expandCondition', () => {
  it('replaces nested macros', () => {
    const d = defs({ kevt: 'jevt.rawtime exists', pod: 'ka.target.resource=pods', kpod: 'kevt and pod' });
    assert.equal(
      expanded('kpod and not a.b', d),
      '(and (and (exists jevt.rawtime) (= ka.target.resource pods)) (not field:a.b))',
    );
  });

  it('tags nodes from macros with the macro name and their own positions', () => {
    const d = defs({ outer: 'x.y = 1 or inner', inner: 'a.b\n  = 2' });
    const r = expandCondition(ast('z.z exists and outer'), d);
    assert.ok(r.ok && r.value.kind === 'and');
    assert.equal(r.value.items[0]!.pos.macro, undefined);
    const or = r.value.items[1]!;
    assert.ok(or.kind === 'or');
    assert.equal(or.items[0]!.pos.macro, 'outer');
    const inner = or.items[1]!;
    assert.ok(inner.kind === 'compare');
    assert.equal(inner.pos.macro, 'inner');
    assert.ok(inner.value.kind === 'scalar');
    assert.deepEqual(
      [inner.value.item.pos.line, inner.value.item.pos.column, inner.value.item.pos.macro],
      [2, 5, 'inner'],
    );
  });

  it('expands list names inside parentheses, nested lists included, and keeps quoted names', () => {
    const d = defs({}, { inner: ['c', 'd'], outer: ['a', 'inner', 'b'], empty: [] });
    assert.equal(expanded('x.y in (outer, "inner", e, empty)', d), '(in x.y ("a" "c" "d" "b" "inner" e))');
  });

  it('expands a bare list name after in, intersects and pmatch but not after =', () => {
    const d = defs({}, { l: ['p', 'q'] });
    assert.equal(expanded('x.y in l', d), '(in x.y ("p" "q"))');
    assert.equal(expanded('x.y intersects l', d), '(intersects x.y ("p" "q"))');
    assert.equal(expanded('x.y pmatch l', d), '(pmatch x.y ("p" "q"))');
    assert.equal(expanded('x.y = l', d), '(= x.y l)');
    assert.equal(expanded('x.y in "l"', d), '(in x.y "l")');
  });

  it('expands lists inside macros', () => {
    const d = defs({ m: 'x.y in (l)' }, { l: ['p'] });
    assert.equal(expanded('m', d), '(in x.y ("p"))');
  });

  it('reports an undefined macro with its position', () => {
    const r = expandCondition(ast('a.b exists and\n  nope'), defs({}));
    assert.ok(!r.ok);
    assert.match(r.error.message, /Undefined macro 'nope'/);
    assert.deepEqual([r.error.line, r.error.column, r.error.macro], [2, 3, undefined]);
  });

  it('reports an undefined macro inside a macro, naming that macro', () => {
    const r = expandCondition(ast('m'), defs({ m: 'a.b exists or missing' }));
    assert.ok(!r.ok);
    assert.match(r.error.message, /Undefined macro 'missing'/);
    assert.deepEqual([r.error.offset, r.error.macro], [14, 'm']);
  });

  it('reports a list used as a condition', () => {
    const r = expandCondition(ast('l'), defs({}, { l: [] }));
    assert.ok(!r.ok);
    assert.match(r.error.message, /'l' is a list, not a macro/);
  });

  it('detects macro cycles', () => {
    const r = expandCondition(ast('a'), defs({ a: 'x.y exists and b', b: 'not c', c: 'a' }));
    assert.ok(!r.ok);
    assert.match(r.error.message, /Macro cycle: a -> b -> c -> a/);
    const self = expandCondition(ast('s'), defs({ s: 's' }));
    assert.ok(!self.ok);
    assert.match(self.error.message, /Macro cycle: s -> s/);
  });

  it('detects list cycles', () => {
    const r = expandCondition(ast('x.y in (a)'), defs({}, { a: ['1', 'b'], b: ['a'] }));
    assert.ok(!r.ok);
    assert.match(r.error.message, /List cycle: a -> b -> a/);
  });

  it('allows the same macro twice when it is not a cycle', () => {
    const d = defs({ m: 'x.y exists' });
    assert.equal(
      expanded('m and (m or not m)', d),
      '(and (exists x.y) (or (exists x.y) (not (exists x.y))))',
    );
  });
});
