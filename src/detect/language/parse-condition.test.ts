import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondition } from './parse-condition.ts';
import { showCondition as show } from './show-condition.ts';

function parsed(text: string): string {
  const r = parseCondition(text);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return show(r.value);
}

describe('parseCondition', () => {
  const ops = [
    '=',
    '==',
    '!=',
    '<',
    '<=',
    '>',
    '>=',
    'contains',
    'icontains',
    'startswith',
    'endswith',
    'glob',
  ];
  for (const op of ops) {
    it(`parses operator ${op}`, () => assert.equal(parsed(`a.b ${op} v`), `(${op} a.b v)`));
  }
  for (const op of ['in', 'intersects', 'pmatch']) {
    it(`parses set operator ${op}`, () =>
      assert.equal(parsed(`a.b ${op} (x, "y z", /p)`), `(${op} a.b (x "y z" /p))`));
  }

  const cases: [string, string][] = [
    ['a.b exists', '(exists a.b)'],
    ['a.b', 'field:a.b'],
    ['kevt', 'macro:kevt'],
    ['x.y[0]', 'field:x.y[0]'],
    ['not a.b = 1 and c.d = 2', '(and (not (= a.b 1)) (= c.d 2))'],
    ['a or b and c', '(or macro:a (and macro:b macro:c))'],
    ['a and b or c and d', '(or (and macro:a macro:b) (and macro:c macro:d))'],
    ['(a or b) and c', '(and (or macro:a macro:b) macro:c)'],
    ['not (a or b)', '(not (or macro:a macro:b))'],
    ['not not a', '(not (not macro:a))'],
    ['a and b and c', '(and macro:a macro:b macro:c)'],
    ['ka.verb=get', '(= ka.verb get)'],
    ['ka.verb in (create,update,patch)', '(in ka.verb (create update patch))'],
    ['ka.name in (a, b,)', '(in ka.name (a b))'],
    ['ka.name in ()', '(in ka.name ())'],
    ['ka.name in my_list', '(in ka.name my_list)'],
    ['ka.req.pod.containers.image[0] startswith nginx', '(startswith ka.req.pod.containers.image[0] nginx)'],
    ['jevt.value[/stage]=ResponseStarted', '(= jevt.value[/stage] ResponseStarted)'],
    ['ka.uri.param[command] contains "sh -c"', '(contains ka.uri.param[command] "sh -c")'],
    [
      'ka.uri=/healthz or ka.uri startswith /healthz?',
      '(or (= ka.uri /healthz) (startswith ka.uri /healthz?))',
    ],
    ["a.b = 'single \\' quote'", `(= a.b "single ' quote")`],
    ['x.y contains "and"', '(contains x.y "and")'],
    ['x.y = and', '(= x.y and)'],
    ['x = 1', '(= x 1)'],
    ['ka.response.code startswith 2', '(startswith ka.response.code 2)'],
    ['(jevt.rawtime exists)', '(exists jevt.rawtime)'],
    ['a\n  and\n  b', '(and macro:a macro:b)'],
  ];
  for (const [text, want] of cases)
    it(`parses ${JSON.stringify(text)}`, () => assert.equal(parsed(text), want));

  it('records node positions with line and column', () => {
    const r = parseCondition('a\n  and not c.d = 1');
    assert.ok(r.ok && r.value.kind === 'and');
    const not = r.value.items[1]!;
    assert.deepEqual([not.pos.offset, not.pos.line, not.pos.column], [8, 2, 7]);
    assert.ok(not.kind === 'not' && not.operand.kind === 'compare');
    assert.deepEqual([not.operand.pos.line, not.operand.pos.column], [2, 11]);
    assert.ok(not.operand.value.kind === 'scalar');
    assert.equal(not.operand.value.item.pos.column, 17);
  });

  const errors: [string, number, RegExp][] = [
    ['', 0, /empty/],
    ['a and', 5, /Expected a field, a macro/],
    ['a or or b', 5, /found 'or'/],
    ['(a and b', 8, /Expected '\)'/],
    ['a b', 2, /Unexpected 'b'/],
    ['a.b =', 5, /Expected a value/],
    ['a.b = (x, y)', 6, /takes one value, not a list/],
    ['a.b in (x y)', 10, /Expected ',' or '\)'/],
    ['a.b in (x, ', 11, /Expected a list item/],
    ['a.b in (x, (y))', 11, /Expected a list item/],
    ['= 1', 0, /found '='/],
    ['a.b = 1 )', 8, /Unexpected '\)'/],
    ['"q" = 1', 0, /found "q"/],
    ['1abc', 0, /not a valid macro name/],
    ['a.b = "x', 6, /Unterminated string/],
    ['ok and\n  9.x = 1', 9, /not a valid field name/],
  ];
  for (const [text, offset, message] of errors) {
    it(`rejects ${JSON.stringify(text)} at ${offset}`, () => {
      const r = parseCondition(text);
      assert.ok(!r.ok, 'expected an error');
      assert.equal(r.error.offset, offset, r.error.message);
      assert.match(r.error.message, message);
    });
  }

  it('gives line and column of an error on a later line', () => {
    const r = parseCondition('a and\n  b and\n   and c');
    assert.ok(!r.ok);
    assert.deepEqual([r.error.line, r.error.column], [3, 4]);
  });
});
