import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldAccessor, FieldSource } from '../field-source.ts';
import { compileCondition } from './compile-condition.ts';
import { expandCondition } from './expand-condition.ts';
import { parseCondition } from './parse-condition.ts';

/** `t.*` fields over plain objects: each reads the same-named property; `t.j[/ptr]` a JSON pointer. */
const types: Record<string, FieldAccessor['type']> = {
  s: 'string',
  n: 'number',
  b: 'boolean',
  l: 'list',
  j: 'json',
};

function testSource(resolved: string[] = []): FieldSource {
  return {
    name: 'test',
    resolve(name, arg) {
      resolved.push(name);
      const key = name.startsWith('t.') ? name.slice(2) : '';
      const type = types[key];
      if (type === undefined) return { error: `Unknown field ${name}` };
      if (key === 'j') {
        if (arg === undefined || !arg.startsWith('/'))
          return { error: `Field ${name} needs a JSON pointer argument` };
        const path = arg.slice(1).split('/');
        return {
          type,
          get: (e) =>
            path.reduce<unknown>(
              (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
              (e as { j?: unknown }).j,
            ),
        };
      }
      if (key === 'l' && arg !== undefined) {
        const idx = Number(arg);
        return { type: 'string', get: (e) => ((e as { l?: unknown[] }).l ?? [])[idx] };
      }
      return { type, get: (e) => (e as Record<string, unknown>)[key] };
    },
  };
}

const lists = new Map<string, string[]>([
  ['verbs', ['create', 'update']],
  ['paths', ['/etc', '/var/run/docker.sock', '/root/']],
]);

function compile(text: string) {
  const parsed = parseCondition(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  const expanded = expandCondition(parsed.value, { macros: new Map(), lists });
  assert.ok(expanded.ok, expanded.ok ? '' : expanded.error.message);
  return compileCondition(expanded.value, testSource());
}

function check(text: string, event: Record<string, unknown>): boolean {
  const c = compile(text);
  assert.ok(c.ok, c.ok ? '' : c.error.message);
  return c.fn(event);
}

type Case = [condition: string, event: Record<string, unknown>, want: boolean];

describe('compileCondition', () => {
  const cases: Case[] = [
    // equality on strings, numbers, booleans
    ['t.s = abc', { s: 'abc' }, true],
    ['t.s == abc', { s: 'abd' }, false],
    ['t.s = "a b"', { s: 'a b' }, true],
    ['t.s != abc', { s: 'abd' }, true],
    ['t.s != abc', { s: 'abc' }, false],
    ['t.n = 200', { n: 200 }, true],
    ['t.n = 200.0', { n: 200 }, true],
    ['t.n != 200', { n: 201 }, true],
    ['t.b = true', { b: true }, true],
    ['t.b = false', { b: true }, false],
    ['t.s = 7', { s: '7' }, true],
    ['t.s = 7', { s: '07' }, false],
    // absent fields: every comparison is false, != included; not flips it
    ['t.s = abc', {}, false],
    ['t.s != abc', {}, false],
    ['not t.s = abc', {}, true],
    ['t.s contains a', { s: null }, false],
    ['t.s in (a, b)', {}, false],
    ['not t.s in (a, b)', {}, true],
    ['t.s exists', {}, false],
    ['t.s exists', { s: '' }, true],
    ['t.l exists', { l: [] }, false],
    ['t.l exists', { l: ['x'] }, true],
    // ordering: numeric when both sides are numbers, text otherwise
    ['t.n < 10', { n: 9 }, true],
    ['t.n < 10', { n: 10 }, false],
    ['t.n <= 10', { n: 10 }, true],
    ['t.n > 10', { n: 11 }, true],
    ['t.n >= 10', { n: 9 }, false],
    ['t.s < 10', { s: '9' }, true],
    ['t.s < b', { s: 'a' }, true],
    ['t.j[/v] > 3', { j: { v: 4 } }, true],
    // text operators
    ['t.s contains ell', { s: 'hello' }, true],
    ['t.s contains ELL', { s: 'hello' }, false],
    ['t.s icontains ELL', { s: 'hello' }, true],
    ['t.s icontains "Password"', { s: 'my PASSWORD' }, true],
    ['t.s startswith "system:"', { s: 'system:anonymous' }, true],
    ['t.s startswith "system:"', { s: 'anonymous' }, false],
    ['t.n startswith 2', { n: 204 }, true],
    ['t.s endswith .sock', { s: '/var/run/docker.sock' }, true],
    ['t.s endswith .sock', { s: '/var/run/docker' }, false],
    // glob
    ['t.s glob "nginx:*"', { s: 'nginx:1.25' }, true],
    ['t.s glob "nginx:*"', { s: 'xnginx:1.25' }, false],
    ['t.s glob "a?c"', { s: 'abc' }, true],
    ['t.s glob "a?c"', { s: 'abbc' }, false],
    ['t.s glob "[ab]x"', { s: 'bx' }, true],
    ['t.s glob "[!ab]x"', { s: 'bx' }, false],
    ['t.s glob "[a-c]*.txt"', { s: 'b/dir/file.txt' }, true],
    ['t.s glob "a.b"', { s: 'axb' }, false],
    // in / intersects / pmatch on scalars
    ['t.s in (a, b, "c d")', { s: 'c d' }, true],
    ['t.s in (a, b)', { s: 'c' }, false],
    ['t.s in (verbs)', { s: 'update' }, true],
    ['t.s in verbs', { s: 'create' }, true],
    ['t.s in solo', { s: 'solo' }, true],
    ['t.b intersects (true)', { b: true }, true],
    ['t.b intersects (true)', { b: false }, false],
    ['t.n in (200, 201)', { n: 201 }, true],
    ['t.s pmatch (paths)', { s: '/etc/passwd' }, true],
    ['t.s pmatch (paths)', { s: '/etc' }, true],
    ['t.s pmatch (paths)', { s: '/etcd' }, false],
    ['t.s pmatch (paths)', { s: '/root/.ssh' }, true],
    ['t.s pmatch (paths)', { s: '/root' }, true],
    ['t.s pmatch (/)', { s: '/anything' }, true],
    // list fields
    ['t.l in (a, b)', { l: ['a', 'b'] }, true],
    ['t.l in (a, b)', { l: ['a', 'c'] }, false],
    ['t.l in (a, b)', { l: [] }, false],
    ['not t.l in (a, b)', { l: [] }, true],
    ['t.l intersects (a, b)', { l: ['c', 'b'] }, true],
    ['t.l intersects (a, b)', { l: ['c', 'd'] }, false],
    ['t.l intersects (true)', { l: [false, true] }, true],
    ['t.l intersects ("*")', { l: ['get', '*'] }, true],
    ['t.l pmatch (paths)', { l: ['/etc/x', '/root'] }, true],
    ['t.l pmatch (paths)', { l: ['/etc/x', '/home'] }, false],
    ['t.l = a', { l: ['b', 'a'] }, true],
    ['t.l = a', { l: ['b'] }, false],
    ['t.l != a', { l: ['b', 'c'] }, true],
    ['t.l != a', { l: ['b', 'a'] }, false],
    ['t.l != a', { l: [] }, false],
    ['t.l contains ginx', { l: ['redis', 'nginx:1'] }, true],
    ['t.l[1] = nginx', { l: ['redis', 'nginx'] }, true],
    ['t.l[5] = nginx', { l: ['redis'] }, false],
    // json fields and arguments
    ['t.j[/stage] = ResponseComplete', { j: { stage: 'ResponseComplete' } }, true],
    ['t.j[/spec/tls] exists', { j: { spec: {} } }, false],
    ['t.j[/spec/tls] exists', { j: { spec: { tls: [{}] } } }, true],
    ['t.j[/o] contains "\\"k\\":1"', { j: { o: { k: 1 } } }, true],
    // bare boolean fields
    ['t.b', { b: true }, true],
    ['t.b', { b: false }, false],
    ['t.b', {}, false],
    ['not t.b', {}, true],
    ['t.n', { n: 0 }, false],
    ['t.l', { l: [false, true] }, true],
    // logic
    ['t.s = a and t.n = 1', { s: 'a', n: 1 }, true],
    ['t.s = a and t.n = 1', { s: 'a', n: 2 }, false],
    ['t.s = a or t.n = 1', { s: 'b', n: 1 }, true],
    ['t.s = a or t.n = 1 or t.b', { s: 'b', n: 2, b: false }, false],
    ['t.s = a and t.n = 1 and t.b', { s: 'a', n: 1, b: true }, true],
    ['not (t.s = a or t.n = 1)', { s: 'b', n: 2 }, true],
  ];
  for (const [condition, event, want] of cases) {
    it(`${condition} on ${JSON.stringify(event)} is ${want}`, () =>
      assert.equal(check(condition, event), want));
  }

  it('resolves each field once and lists the fields used', () => {
    const resolved: string[] = [];
    const parsed = parseCondition('t.s = a or t.s = b or t.j[/x] exists or t.s in (c)');
    assert.ok(parsed.ok);
    const c = compileCondition(parsed.value, testSource(resolved));
    assert.ok(c.ok);
    assert.deepEqual(resolved, ['t.s', 't.j']);
    assert.deepEqual(c.fields, ['t.s', 't.j[/x]']);
  });

  it('reports an unknown field with its position', () => {
    const c = compile('t.s = a and\n  t.zz = 1');
    assert.ok(!c.ok);
    assert.equal(c.error.message, 'Unknown field t.zz');
    assert.deepEqual([c.error.line, c.error.column], [2, 3]);
  });

  it('reports a bad field argument from the source', () => {
    const c = compile('t.j = 1');
    assert.ok(!c.ok);
    assert.match(c.error.message, /needs a JSON pointer/);
  });

  it('reports a number field compared with a non-number', () => {
    const c = compile('t.n = abc');
    assert.ok(!c.ok);
    assert.match(c.error.message, /t.n is a number; 'abc' is not/);
    assert.equal(c.error.column, 7);
  });

  it('reports a macro left unexpanded', () => {
    const parsed = parseCondition('t.s exists and m');
    assert.ok(parsed.ok);
    const c = compileCondition(parsed.value, testSource());
    assert.ok(!c.ok);
    assert.match(c.error.message, /Undefined macro 'm'/);
  });
});
