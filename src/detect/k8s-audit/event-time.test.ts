import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventTimeNs, formatIso8601 } from './event-time.ts';

// eventTimeNs and formatIso8601 keep their last results (and the last second's): interleaved
// inputs that share a second, a zone or a text must still each get their own answer.

describe('eventTimeNs and formatIso8601 with their caches', () => {
  const cases: [string, bigint | undefined, string | undefined][] = [
    ['2018-10-26T13:38:34.902914Z', 1540561114902914000n, '2018-10-26T13:38:34.902914000Z'],
    ['2018-10-26T13:38:34.9Z', 1540561114900000000n, '2018-10-26T13:38:34.900000000Z'],
    ['2018-10-26T13:38:34Z', 1540561114000000000n, '2018-10-26T13:38:34.000000000Z'],
    ['2018-10-26T13:38:34+02:00', 1540553914000000000n, '2018-10-26T11:38:34.000000000Z'],
    ['2018-10-26T13:38:34.5-05:30', 1540580914500000000n, '2018-10-26T19:08:34.500000000Z'],
    ['1969-12-31T23:59:59.5Z', -500000000n, '1969-12-31T23:59:59.500000000Z'],
    ['2018-13-26T13:38:34Z', undefined, undefined],
    ['not a time', undefined, undefined],
  ];

  it('gives each of interleaved timestamps its own time, in any order', () => {
    for (const order of [cases, [...cases].reverse(), [...cases, ...cases]]) {
      for (const [text, ns, iso] of order) {
        assert.equal(eventTimeNs({ stageTimestamp: text }), ns, text);
        assert.equal(eventTimeNs({ stageTimestamp: text }), ns, `${text}, again`);
        if (ns !== undefined) assert.equal(formatIso8601(ns), iso, text);
      }
    }
  });

  it('falls back to the next timestamp when the first does not parse, after a cached one', () => {
    const text = '2018-10-26T13:38:34Z';
    assert.equal(eventTimeNs({ stageTimestamp: text }), 1540561114000000000n);
    const ev = { stageTimestamp: 'bad', requestReceivedTimestamp: text };
    assert.equal(eventTimeNs(ev), 1540561114000000000n);
    assert.equal(eventTimeNs({ stageTimestamp: 'bad' }), undefined);
  });
});
