import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditAlert } from '../../core/audit-alert.ts';
import { createAuditEngine } from '../audit/audit-engine.ts';
import { k8sAuditSource } from '../k8s-audit/k8s-audit-source.ts';
import { loadRules } from '../rules/load-rules.ts';
import { type CorrelatorOptions, createCorrelator } from './correlator.ts';

// The runtime semantics of sequences and counts, on small synthetic audit events.

const T0 = Date.parse('2026-01-01T00:00:00Z');

interface Ev {
  verb: string;
  user?: string;
  name?: string;
  /** Seconds after T0; null for an event without any timestamp. */
  at: number | null;
  id?: string;
}

/** A minimal audit event: the fields the test conditions and keys read. */
function ev({ verb, user = 'alice', name = 'p1', at, id }: Ev): unknown {
  return {
    kind: 'Event',
    auditID: id ?? `${verb}-${user}-${name}-${at}`,
    stage: 'ResponseComplete',
    verb,
    user: { username: user },
    objectRef: { resource: 'pods', namespace: 'ns', name },
    ...(at === null ? {} : { stageTimestamp: new Date(T0 + at * 1000).toISOString() }),
  };
}

function correlator(yaml: string, options?: CorrelatorOptions) {
  const r = loadRules([{ path: 'c.yaml', text: yaml }], new Map([['k8s_audit', k8sAuditSource]]));
  if (!r.ok) assert.fail(JSON.stringify(r.errors));
  return createCorrelator(r.correlations, options);
}

/** Feeds events; returns the incidents as `[event index, rule]` plus the alerts themselves. */
function run(c: ReturnType<typeof correlator>, events: unknown[]): { at: number; alert: AuditAlert }[] {
  const out: { at: number; alert: AuditAlert }[] = [];
  events.forEach((e, i) => {
    for (const alert of c.process(e)) out.push({ at: i, alert });
  });
  return out;
}

const SEQ = `
- correlation: Create Then Get
  within: 10m
  by: [ka.user.name, ka.target.name]
  sequence:
    - condition: ka.verb=create
    - condition: ka.verb=get
  output: "%ka.user.name got %ka.target.name"
  priority: WARNING
  tags: [t1]
`;

describe('sequence correlations', () => {
  it('raise one incident when the steps match in order with equal keys, rendered from the last event', () => {
    const got = run(correlator(SEQ), [
      ev({ verb: 'create', at: 0, id: 'a' }),
      ev({ verb: 'get', at: 60, id: 'b' }),
    ]);
    assert.equal(got.length, 1);
    const { at, alert } = got[0]!;
    assert.equal(at, 1);
    assert.deepEqual(alert, {
      rule: 'Create Then Get',
      priority: 'WARNING',
      time: '2026-01-01T00:01:00.000000000Z',
      output: 'alice got p1',
      outputFields: { 'ka.user.name': 'alice', 'ka.target.name': 'p1' },
      tags: ['t1'],
      source: 'k8s_audit',
      incident: {
        kind: 'sequence',
        key: { 'ka.user.name': 'alice', 'ka.target.name': 'p1' },
        firstTime: '2026-01-01T00:00:00.000000000Z',
        count: 2,
        steps: [
          {
            step: 'step 1',
            time: '2026-01-01T00:00:00.000000000Z',
            auditId: 'a',
            summary: 'alice create pods ns/p1',
          },
          {
            step: 'step 2',
            time: '2026-01-01T00:01:00.000000000Z',
            auditId: 'b',
            summary: 'alice get pods ns/p1',
          },
        ],
      },
    });
  });

  it('measure the window on event time: exactly `within` completes, a moment later does not', () => {
    assert.equal(
      run(correlator(SEQ), [ev({ verb: 'create', at: 0 }), ev({ verb: 'get', at: 600 })]).length,
      1,
    );
    assert.equal(
      run(correlator(SEQ), [ev({ verb: 'create', at: 0 }), ev({ verb: 'get', at: 601 })]).length,
      0,
    );
  });

  it('join only events with equal keys', () => {
    const c = correlator(SEQ);
    const got = run(c, [
      ev({ verb: 'create', at: 0 }),
      ev({ verb: 'get', name: 'p2', at: 1 }),
      ev({ verb: 'get', user: 'bob', at: 2 }),
      ev({ verb: 'get', at: 3 }),
    ]);
    assert.deepEqual(
      got.map((g) => g.at),
      [3],
    );
  });

  it('need the steps in order', () => {
    const got = run(correlator(SEQ), [
      ev({ verb: 'get', at: 0 }),
      ev({ verb: 'create', at: 1 }),
      ev({ verb: 'get', at: 2 }),
    ]);
    assert.deepEqual(
      got.map((g) => g.at),
      [2],
    );
  });

  it('restart on a new first step, and clear the key after an incident', () => {
    const got = run(correlator(SEQ), [
      ev({ verb: 'create', at: 0 }),
      ev({ verb: 'create', at: 480 }),
      ev({ verb: 'get', at: 720 }), // 12 minutes after the first create, 4 after the second
      ev({ verb: 'get', at: 730 }), // the partial was cleared: nothing
    ]);
    assert.deepEqual(
      got.map((g) => g.at),
      [2],
    );
    assert.equal(got[0]!.alert.incident?.firstTime, '2026-01-01T00:08:00.000000000Z');
  });

  it('let one event complete one step and start another', () => {
    const c = correlator(`
- correlation: Two Gets
  within: 1m
  by: [ka.user.name]
  sequence:
    - condition: ka.verb=get
    - condition: ka.verb=get
  output: o
  priority: INFO
`);
    const got = run(
      c,
      [0, 10, 20, 200].map((at) => ev({ verb: 'get', at })),
    );
    assert.deepEqual(
      got.map((g) => g.at),
      [1, 2],
    );
  });

  it('keep progress past step 1 when step 1 matches again, and never jump two steps at once', () => {
    const c = correlator(`
- correlation: ABC
  within: 10m
  by: [ka.user.name]
  sequence:
    - rule: A
    - condition: ka.verb in (update, patch)
    - condition: ka.verb=patch
  output: o
  priority: INFO
- rule: A
  desc: d
  condition: ka.verb=create
  output: o
  priority: INFO
  source: k8s_audit
  enabled: false
`);
    // `patch` matches steps 2 and 3: alone after a create it only reaches step 2.
    assert.equal(run(c, [ev({ verb: 'create', at: 0 }), ev({ verb: 'patch', at: 1 })]).length, 0);
    const got = run(c, [ev({ verb: 'create', at: 2 }), ev({ verb: 'patch', at: 3 })]);
    assert.equal(got.length, 1, 'the earlier patch reached step 2; this one completes');
    const d = correlator(`
- correlation: ABC
  within: 10m
  by: [ka.user.name]
  sequence:
    - condition: ka.verb=create
    - condition: ka.verb=update
    - condition: ka.verb=delete
  output: o
  priority: INFO
`);
    const chain = run(d, [
      ev({ verb: 'create', at: 0, id: 'c1' }),
      ev({ verb: 'update', at: 10, id: 'u' }),
      ev({ verb: 'create', at: 20, id: 'c2' }),
      ev({ verb: 'delete', at: 30, id: 'd' }),
    ]);
    assert.deepEqual(
      chain.map((g) => g.alert.incident?.steps.map((s) => `${s.step}:${s.auditId}`)),
      [['step 1:c1', 'step 2:u', 'step 3:d']],
    );
  });

  it('leave out events that lack a key field', () => {
    const got = run(correlator(SEQ), [
      { ...(ev({ verb: 'create', at: 0 }) as object), objectRef: { resource: 'pods' } },
      { ...(ev({ verb: 'get', at: 1 }) as object), objectRef: { resource: 'pods' } },
    ]);
    assert.equal(got.length, 0);
  });

  it('place an event without a timestamp at the latest time seen', () => {
    const inTime = run(correlator(SEQ), [ev({ verb: 'create', at: 0 }), ev({ verb: 'get', at: null })]);
    assert.equal(inTime.length, 1);
    assert.equal(inTime[0]!.alert.time, null);
    assert.equal(inTime[0]!.alert.incident?.steps[1]?.time, null);
    const late = run(correlator(SEQ), [
      ev({ verb: 'create', at: 0 }),
      ev({ verb: 'list', user: 'other', at: 1200 }),
      ev({ verb: 'get', at: null }),
    ]);
    assert.equal(late.length, 0, 'the clock moved 20 minutes on: the partial expired');
  });

  it('cap the keys per correlation, evicting the stalest and counting it', () => {
    const c = correlator(SEQ, { maxKeys: 2 });
    const got = run(c, [
      ev({ verb: 'create', name: 'k1', at: 0 }),
      ev({ verb: 'create', name: 'k2', at: 1 }),
      ev({ verb: 'create', name: 'k3', at: 2 }),
      ev({ verb: 'get', name: 'k1', at: 3 }),
      ev({ verb: 'get', name: 'k3', at: 4 }),
    ]);
    assert.deepEqual(
      got.map((g) => g.at),
      [4],
    );
    assert.deepEqual(c.stats(), [{ name: 'Create Then Get', keys: 1, evictions: 1, expired: 0 }]);
  });

  it('expire stale keys as the event clock moves, without being asked', () => {
    const c = correlator(SEQ);
    run(
      c,
      Array.from({ length: 1000 }, (_, i) => ev({ verb: 'create', name: `p${i}`, at: i / 10 })),
    );
    assert.equal(c.stats()[0]!.keys, 1000);
    run(c, [ev({ verb: 'list', at: 700 })]);
    assert.deepEqual(c.stats()[0], { name: 'Create Then Get', keys: 0, evictions: 0, expired: 1000 });
  });
});

const COUNT = `
- correlation: Many Gets
  within: 1m
  by: [ka.user.name]
  count: 3
  condition: ka.verb=get
  output: "%ka.user.name"
  priority: NOTICE
`;

describe('count correlations', () => {
  it('raise one incident at the count-th event in the window, then start over', () => {
    const got = run(
      correlator(COUNT),
      [0, 1, 2, 3, 4, 5].map((at) => ev({ verb: 'get', at, id: `g${at}` })),
    );
    assert.deepEqual(
      got.map((g) => g.at),
      [2, 5],
    );
    const incident = got[0]!.alert.incident!;
    assert.equal(incident.kind, 'count');
    assert.equal(incident.count, 3);
    assert.deepEqual(incident.key, { 'ka.user.name': 'alice' });
    assert.deepEqual(
      incident.steps.map((s) => `${s.step}:${s.auditId}`),
      ['event 1:g0', 'event 2:g1', 'event 3:g2'],
    );
  });

  it('slide the window, per key', () => {
    const got = run(correlator(COUNT), [
      ev({ verb: 'get', at: 0 }),
      ev({ verb: 'get', at: 30 }),
      ev({ verb: 'get', user: 'bob', at: 40 }),
      ev({ verb: 'get', at: 70 }), // the first has left the window: 2 in it
      ev({ verb: 'get', at: 80 }),
    ]);
    assert.deepEqual(
      got.map((g) => g.at),
      [4],
    );
    assert.equal(got[0]!.alert.incident?.firstTime, '2026-01-01T00:00:30.000000000Z');
  });

  it('list the first and the last three events of a larger count', () => {
    const c = correlator(COUNT.replace('count: 3', 'count: 7').replace('1m', '1h'));
    const got = run(
      c,
      Array.from({ length: 7 }, (_, i) => ev({ verb: 'get', at: i, id: `g${i}` })),
    );
    assert.deepEqual(
      got[0]!.alert.incident?.steps.map((s) => `${s.step}:${s.auditId}`),
      ['event 1:g0', 'event 5:g4', 'event 6:g5', 'event 7:g6'],
    );
  });
});

describe('createAuditEngine with correlations', () => {
  it('returns rule alerts in rule order, then incidents', () => {
    const r = loadRules(
      [
        {
          path: 'r.yaml',
          text: `${SEQ}
- rule: Any Get
  desc: d
  condition: ka.verb=get
  output: get
  priority: INFO
  source: k8s_audit
- rule: Any Event
  desc: d
  condition: ka.verb exists
  output: any
  priority: INFO
  source: k8s_audit
`,
        },
      ],
      new Map([['k8s_audit', k8sAuditSource]]),
    );
    assert.ok(r.ok);
    const engine = createAuditEngine({ rules: r.rules, correlations: r.correlations });
    assert.deepEqual(
      engine.process(ev({ verb: 'create', at: 0 })).map((a) => a.rule),
      ['Any Event'],
    );
    assert.deepEqual(
      engine.process(ev({ verb: 'get', at: 1 })).map((a) => a.rule),
      ['Any Get', 'Any Event', 'Create Then Get'],
    );
    // Without correlations the engine is the stateless one.
    const plain = createAuditEngine({ rules: r.rules });
    plain.process(ev({ verb: 'create', at: 0 }));
    assert.deepEqual(
      plain.process(ev({ verb: 'get', at: 1 })).map((a) => a.rule),
      ['Any Get', 'Any Event'],
    );
  });
});
