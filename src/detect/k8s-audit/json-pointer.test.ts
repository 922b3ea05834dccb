import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateJsonPointer, parseJsonPointer } from './json-pointer.ts';

// The example document and pointers of RFC 6901 section 5.
const doc = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

const rfcCases: readonly [string, unknown][] = [
  ['', doc],
  ['/foo', ['bar', 'baz']],
  ['/foo/0', 'bar'],
  ['/', 0],
  ['/a~1b', 1],
  ['/c%d', 2],
  ['/e^f', 3],
  ['/g|h', 4],
  ['/i\\j', 5],
  ['/k"l', 6],
  ['/ ', 7],
  ['/m~0n', 8],
];

describe('JSON pointer (RFC 6901)', () => {
  for (const [pointer, expected] of rfcCases) {
    it(`"${pointer}"`, () => {
      const parsed = parseJsonPointer(pointer);
      assert.ok('tokens' in parsed);
      assert.deepEqual(evaluateJsonPointer(doc, parsed.tokens), expected);
    });
  }

  it('decodes ~01 as ~1, not /', () => {
    assert.deepEqual(parseJsonPointer('/~01'), { tokens: ['~1'] });
  });

  it('is absent for missing keys, bad array indices and scalars', () => {
    for (const pointer of ['/nope', '/foo/2', '/foo/01', '/foo/-', '/foo/0/x', '/m~0n/x']) {
      const parsed = parseJsonPointer(pointer);
      assert.ok('tokens' in parsed);
      assert.equal(evaluateJsonPointer(doc, parsed.tokens), undefined, pointer);
    }
  });

  it('does not follow inherited properties', () => {
    assert.equal(evaluateJsonPointer({}, ['constructor']), undefined);
  });

  it('rejects pointers without a leading slash or with a bad escape', () => {
    assert.ok('error' in parseJsonPointer('foo'));
    assert.ok('error' in parseJsonPointer('/a~'));
    assert.ok('error' in parseJsonPointer('/a~2'));
  });
});
