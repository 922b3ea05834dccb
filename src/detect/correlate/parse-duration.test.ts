import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration } from './parse-duration.ts';

describe('parseDuration', () => {
  const good: [string, number][] = [
    ['30s', 30_000],
    ['1m', 60_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    [' 90m ', 5_400_000],
  ];
  for (const [text, ms] of good) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseDuration(text), { ms }));
  }
  const bad: unknown[] = [
    '0s',
    '10',
    '10 m',
    '1.5m',
    '10d',
    '1h30m',
    'm',
    '',
    -5,
    600,
    null,
    undefined,
    '-1m',
  ];
  for (const value of bad) {
    it(`refuses ${JSON.stringify(value)}`, () => {
      const r = parseDuration(value);
      assert.ok('error' in r, `${JSON.stringify(value)} should not parse`);
      assert.match(r.error, /within/);
    });
  }
});
