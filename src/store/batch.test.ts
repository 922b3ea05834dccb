import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunks, IN_LIST_MAX, unique } from './batch.ts';

describe('chunks', () => {
  it('cuts into slices of at most the size, 500 by default', () => {
    assert.deepEqual([...chunks([1, 2, 3, 4, 5], 2)], [[1, 2], [3, 4], [5]]);
    assert.deepEqual([...chunks([], 2)], []);
    const sizes = [...chunks(Array.from({ length: 1201 }, (_, i) => i))].map((c) => c.length);
    assert.deepEqual(sizes, [IN_LIST_MAX, IN_LIST_MAX, 201]);
  });

  it('unique keeps first-seen order', () => {
    assert.deepEqual(unique(['b', 'a', 'b', 'c', 'a']), ['b', 'a', 'c']);
  });
});
