import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utcTimestamp } from './utc-timestamp.ts';

describe('utcTimestamp', () => {
  const CASES: readonly (readonly [unknown, string | undefined])[] = [
    ['2024-03-29T17:15:21.150', '2024-03-29T17:15:21.150Z'],
    ['2022-08-31T05:00Z', '2022-08-31T05:00:00Z'],
    ['2021-12-10T00:00:00.000Z', '2021-12-10T00:00:00.000Z'],
    ['2021-12-10T00:00:00+02:00', '2021-12-10T00:00:00+02:00'],
    ['2021-02-30T00:00:00', undefined],
    ['2021-12-10T24:00:00', undefined],
    ['2021-13-10T00:00:00', undefined],
    ['2021-12-10', undefined],
    ['yesterday', undefined],
    [20211210, undefined],
    [undefined, undefined],
  ];
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(utcTimestamp(input), expected));
  }
});
