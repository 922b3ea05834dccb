import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertTimeOf, canonicalAlertTime } from './alert-time.ts';

describe('canonicalAlertTime', () => {
  const cases: [string, string | undefined][] = [
    ['2018-10-25T14:09:12.581541000Z', '2018-10-25T14:09:12.581541000Z'],
    ['2018-10-25T14:09:12Z', '2018-10-25T14:09:12.000000000Z'],
    ['2018-10-25T14:09:12.5z', '2018-10-25T14:09:12.500000000Z'],
    ['2018-10-25 14:09:12.123456789Z', '2018-10-25T14:09:12.123456789Z'],
    ['2018-10-26T01:09:12.25+11:00', '2018-10-25T14:09:12.250000000Z'],
    ['2018-12-31T23:30:00-01:00', '2019-01-01T00:30:00.000000000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000000000Z'],
    ['2023-02-29T00:00:00Z', undefined],
    ['2024-01-01T24:00:00Z', undefined],
    ['2024-01-01T00:60:00Z', undefined],
    ['2024-01-01T00:00:00.1234567890Z', undefined],
    ['2024-01-01T00:00:00', undefined],
    ['2024-01-01', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ];
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text)} → ${want ?? 'undefined'}`, () => {
      assert.equal(canonicalAlertTime(text), want);
    });
  }

  it('sorts as text in time order, unlike the times as written', () => {
    const written = ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.5Z', '2024-05-01T13:00:00+02:00'];
    // As written, `.5Z` sorts before `Z` of the same second, and the +02:00 time last.
    assert.deepEqual([...written].sort(), [written[1], written[0], written[2]]);
    const canonical = written.map((t) => canonicalAlertTime(t)!);
    assert.deepEqual([...canonical].sort(), [canonical[2], canonical[0], canonical[1]]);
  });

  it('alertTimeOf writes a Date in the same layout', () => {
    assert.equal(alertTimeOf(new Date('2024-05-01T12:00:00.123Z')), '2024-05-01T12:00:00.123000000Z');
  });
});
