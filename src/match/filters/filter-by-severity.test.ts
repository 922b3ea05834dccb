import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../core/finding.ts';
import { filterBySeverity, parseSeverityList } from './filter-by-severity.ts';
import { ignoreUnfixed } from './ignore-unfixed.ts';
import { finding } from './testdata/finding.ts';

const all = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NEGLIGIBLE', 'UNKNOWN'] as const).map((severity) =>
  finding({ id: `CVE-${severity}`, severity }),
);

describe('filterBySeverity', () => {
  const cases: { keep: Severity[]; want: string[] }[] = [
    { keep: ['CRITICAL', 'HIGH'], want: ['CVE-CRITICAL', 'CVE-HIGH'] },
    // a list, not a threshold: LOW alone does not bring in anything above it
    { keep: ['LOW'], want: ['CVE-LOW'] },
    { keep: ['UNKNOWN', 'CRITICAL'], want: ['CVE-CRITICAL', 'CVE-UNKNOWN'] },
    { keep: [], want: [] },
  ];
  for (const c of cases) {
    it(`keeps ${c.keep.join(',') || 'nothing'}`, () => {
      assert.deepEqual(
        filterBySeverity(all, c.keep).map((f) => f.id),
        c.want,
      );
    });
  }
  it('keeps suppressed findings of the wanted levels (callers decide whether to show them)', () => {
    const s = finding({ suppressed: { kind: 'ignore', status: 'ignored', reason: 'r', source: 'f' } });
    assert.equal(filterBySeverity([s], ['CRITICAL']).length, 1);
  });
});

describe('parseSeverityList', () => {
  const valid: [string, Severity[]][] = [
    ['CRITICAL,HIGH', ['CRITICAL', 'HIGH']],
    ['high, critical', ['CRITICAL', 'HIGH']],
    ['LOW,LOW,low', ['LOW']],
    ['unknown', ['UNKNOWN']],
    ['NEGLIGIBLE,MEDIUM,', ['MEDIUM', 'NEGLIGIBLE']],
  ];
  for (const [text, want] of valid) {
    it(`"${text}" → ${want.join(',')}`, () =>
      assert.deepEqual(parseSeverityList(text), { ok: true, value: want }));
  }
  const invalid: [string, RegExp][] = [
    ['', /no severity given/],
    [' , ', /no severity given/],
    [
      'CRITICAL,SEVERE',
      /unknown severity "SEVERE"; expected one of CRITICAL, HIGH, MEDIUM, LOW, NEGLIGIBLE, UNKNOWN/,
    ],
    ['HIGHEST', /unknown severity "HIGHEST"/],
  ];
  for (const [text, want] of invalid) {
    it(`"${text}" is refused`, () => {
      const r = parseSeverityList(text);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, want);
    });
  }
});

describe('ignoreUnfixed', () => {
  const cases = [
    { fixState: 'fixed', kept: true },
    { fixState: 'not-fixed', kept: false },
    { fixState: 'wont-fix', kept: false },
    { fixState: 'unknown', kept: false },
  ] as const;
  for (const c of cases) {
    it(`${c.fixState}: ${c.kept ? 'kept' : 'dropped'}`, () => {
      const f = finding({ fixState: c.fixState, fixedVersions: c.fixState === 'fixed' ? ['2.15.0'] : [] });
      assert.equal(ignoreUnfixed([f]).length, c.kept ? 1 : 0);
    });
  }
  it('keeps the order of what it keeps', () => {
    const fs = [finding({ id: 'A' }), finding({ id: 'B', fixState: 'not-fixed' }), finding({ id: 'C' })];
    assert.deepEqual(
      ignoreUnfixed(fs).map((f) => f.id),
      ['A', 'C'],
    );
  });
});
