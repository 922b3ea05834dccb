import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lexCondition } from './lex-condition.ts';

function kinds(text: string): string[] {
  const r = lexCondition(text);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value.map((t) => `${t.kind}:${t.text}`);
}

describe('lexCondition', () => {
  const cases: [string, string[]][] = [
    ['ka.verb=get', ['word:ka.verb', 'op:=', 'word:get']],
    ['a.b!=c', ['word:a.b', 'op:!=', 'word:c']],
    ['a.b == c', ['word:a.b', 'op:==', 'word:c']],
    [
      'x.y<=1 x.y>=2 x.y<3 x.y>4',
      [
        'word:x.y',
        'op:<=',
        'word:1',
        'word:x.y',
        'op:>=',
        'word:2',
        'word:x.y',
        'op:<',
        'word:3',
        'word:x.y',
        'op:>',
        'word:4',
      ],
    ],
    ['(a, b,"c")', ['lparen:(', 'word:a', 'comma:,', 'word:b', 'comma:,', 'string:c', 'rparen:)']],
    ['ka.uri startswith /healthz?', ['word:ka.uri', 'word:startswith', 'word:/healthz?']],
    ['jevt.value[/a b/c]=x', ['word:jevt.value[/a b/c]', 'op:=', 'word:x']],
    ['ka.user.name=system:anonymous', ['word:ka.user.name', 'op:=', 'word:system:anonymous']],
    [
      `"a\\"b" 'c\\'d' "e\\\\f" "g\\nh" "\\q"`,
      ['string:a"b', "string:c'd", 'string:e\\f', 'string:g\nh', 'string:\\q'],
    ],
    ['x.y = "a b"', ['word:x.y', 'op:=', 'string:a b']],
    ['not!x', ['word:not!x']],
    ['', []],
  ];
  for (const [text, want] of cases)
    it(`lexes ${JSON.stringify(text)}`, () => assert.deepEqual(kinds(text), want));

  it('records offsets', () => {
    const r = lexCondition('a.b  = "x"');
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((t) => [t.offset, t.end]),
      [
        [0, 3],
        [5, 6],
        [7, 10],
      ],
    );
  });

  it('reports an unterminated string with its position', () => {
    const r = lexCondition('a.b = x and\n  c.d = "open');
    assert.ok(!r.ok);
    assert.deepEqual([r.error.offset, r.error.line, r.error.column], [20, 2, 9]);
    assert.match(r.error.message, /Unterminated string/);
  });

  it('reports an unterminated field argument', () => {
    const r = lexCondition('jevt.value[/a = 1');
    assert.ok(!r.ok);
    assert.equal(r.error.offset, 10);
  });
});
