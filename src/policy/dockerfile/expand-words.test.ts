// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandWord, expandWords, splitWords } from './expand-words.ts';

const scope = new Map([
  ['NAME', 'app'],
  ['EMPTY', ''],
  ['PATHV', '/usr/local/bin:/usr/bin'],
  ['SPACED', 'a b'],
]);

describe('expandWord', () => {
  for (const [raw, value, unresolved] of [
    ['$NAME', 'app', []],
    ['${NAME}', 'app', []],
    ['pre-${NAME}-post', 'pre-app-post', []],
    ['$NAME.d', 'app.d', []],
    ['$MISSING', '', ['MISSING']],
    ['${MISSING:-dflt}', 'dflt', []],
    ['${EMPTY:-dflt}', 'dflt', []],
    ['${EMPTY-dflt}', '', []],
    ['${MISSING-dflt}', 'dflt', []],
    ['${NAME:+set}', 'set', []],
    ['${EMPTY:+set}', '', []],
    ['${EMPTY+set}', 'set', []],
    ['${MISSING:+set}', '', ['MISSING']],
    ['${MISSING:?required}', '', ['MISSING']],
    ['${MISSING:-${NAME}}', 'app', []],
    ['${MISSING:-${OTHER}}', '', ['OTHER']],
    ['${PATHV#*:}', '/usr/bin', []],
    ['${PATHV##*/}', 'bin', []],
    ['${PATHV%:*}', '/usr/local/bin', []],
    ['${PATHV%%/bin*}', '/usr/local', []],
    ["'$NAME'", '$NAME', []],
    ['"$NAME"', 'app', []],
    ['"it\'s $NAME"', "it's app", []],
    ['\\$NAME', '$NAME', []],
    ['"\\$NAME"', '$NAME', []],
    ['a\\ b', 'a b', []],
    ['$', '$', []],
    ['$1', '$1', []],
    ['${', '${', []],
    ['${}', '${}', []],
    ['a${B', 'a', ['B']],
    ['"unterminated', 'unterminated', []],
  ] as const)
    it(`${raw} → ${JSON.stringify(value)}`, () => {
      const w = expandWord(raw, scope, '\\');
      assert.equal(w.value, value);
      assert.deepEqual(w.unresolved, unresolved);
    });

  it('without a scope only removes quotes', () => {
    assert.equal(expandWord('"$NAME" \'x\'', undefined, '\\').value, '$NAME x');
  });

  it('with the backquote escape, a backslash is plain', () => {
    assert.equal(expandWord('C:\\dir\\$NAME', scope, '`').value, 'C:\\dir\\app');
    assert.equal(expandWord('`$NAME', scope, '`').value, '$NAME');
  });

  it('keepQuotes expands exec-form elements without touching quotes', () => {
    assert.equal(expandWord('"$NAME\'s"', scope, '\\', { keepQuotes: true }).value, '"app\'s"');
  });
});

describe('expandWords', () => {
  it('splits unquoted expansions and drops empty ones', () => {
    assert.deepEqual(expandWords('x $SPACED "$SPACED" $EMPTY ""', scope, '\\'), {
      words: ['x', 'a', 'b', 'a b', ''],
      unresolved: [],
    });
  });
});

describe('splitWords', () => {
  it('keeps quotes and escapes, splits on unquoted blanks', () => {
    assert.deepEqual(splitWords(' a "b c"  d\\ e \'f g\'\th ', '\\'), ['a', '"b c"', 'd\\ e', "'f g'", 'h']);
  });
});
