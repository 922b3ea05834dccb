import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { prioritiesAtLeast } from '../../src/core/alert-priority.ts';
import { createAuditEngine } from '../../src/detect/audit/audit-engine.ts';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { loadRules } from '../../src/detect/rules/load-rules.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testConfigEvaluator } from '../../src/test-support/test-config-evaluator.ts';
import {
  batches,
  type ExpectedAlert,
  eventList,
  expectedAlerts,
  falcoRules,
  falcoRulesPath,
  traceEvents,
} from './audit-trace.ts';
import { startTestServer, type TestServer } from './webhook-harness.ts';

// The audit webhook end to end over HTTPS: Falco's real trace events, posted as the API server's
// batching backend posts them, through Falco's real rules, kept in a real store and read back
// through GET /api/alerts. The reference is the same events run straight through createAuditEngine.

interface AlertsReply {
  alerts: (ExpectedAlert & { id: number; receivedAt: string })[];
  next?: string;
}

const EVENTS = traceEvents();
const EXPECTED = expectedAlerts(EVENTS);
/** Falco's traces include one deliberately broken event (`{"kind":0}`): the server counts it. */
const MALFORMED = EVENTS.filter((e) => e.kind !== undefined && e.kind !== 'Event').length;

/** `store`, whose saveAlerts fails ("database is locked") while `failing()` says so. */
function flakyStore(store: Store, failing: () => boolean) {
  return {
    saveAlerts: async (alerts: Parameters<Store['saveAlerts']>[0]) => {
      if (failing()) throw new Error('database is locked');
      return store.saveAlerts(alerts);
    },
    listAlerts: (q: Parameters<Store['listAlerts']>[0]) => store.listAlerts(q),
  };
}

/** Starts a server with the audit routes over `store`, with one engine for its whole life. */
function auditServer(store: Store, extra: { apiToken?: string; bodyLimit?: number } = {}) {
  return startTestServer({
    store,
    evaluate: testConfigEvaluator,
    audit: {
      engine: createAuditEngine(falcoRules()),
      store,
      ...(extra.bodyLimit === undefined ? {} : { bodyLimit: extra.bodyLimit }),
    },
    ...(extra.apiToken === undefined ? {} : { apiToken: extra.apiToken }),
  });
}

/** Posts every trace event in EventLists of `size`; returns the summed answers. */
async function postTrace(server: TestServer, size: number) {
  const total = { events: 0, alerts: 0, malformed: 0 };
  for (const items of batches(EVENTS, size)) {
    const r = await server.post('/audit/webhook', eventList(items));
    assert.equal(r.status, 200, r.text);
    const body = JSON.parse(r.text) as typeof total;
    assert.deepEqual(Object.keys(body).sort(), ['alerts', 'events', 'malformed']);
    total.events += body.events;
    total.alerts += body.alerts;
    total.malformed += body.malformed;
  }
  return total;
}

async function list(server: TestServer, query: string): Promise<AlertsReply> {
  const r = await server.get(`/api/alerts${query}`);
  assert.equal(r.status, 200, r.text);
  return JSON.parse(r.text) as AlertsReply;
}

/** Every alert matching `query`, following `next` page by page; newest first. */
async function listAll(server: TestServer, query: string, pageSize: number) {
  const all: AlertsReply['alerts'] = [];
  let pages = 0;
  let before: string | undefined;
  for (;;) {
    const sep = query === '' ? '?' : '&';
    const page = await list(
      server,
      `${query}${sep}limit=${pageSize}${before === undefined ? '' : `&before=${before}`}`,
    );
    pages++;
    all.push(...page.alerts);
    if (page.next === undefined) return { all, pages };
    before = page.next;
  }
}

function withoutStoreFields(alerts: AlertsReply['alerts']): ExpectedAlert[] {
  return alerts.map(({ id: _id, receivedAt: _r, ...rest }) => rest);
}

/** The scenario every backend must pass: the whole trace in, the same alerts out. */
async function roundTrip(server: TestServer): Promise<void> {
  const totals = await postTrace(server, 7);
  assert.equal(MALFORMED, 1);
  assert.deepEqual(totals, {
    events: EVENTS.length - MALFORMED,
    alerts: EXPECTED.length,
    malformed: MALFORMED,
  });
  const { all, pages } = await listAll(server, '', 10);
  assert.equal(pages, Math.ceil(EXPECTED.length / 10));
  assert.deepEqual(withoutStoreFields(all).reverse(), EXPECTED);
  const ids = all.map((a) => a.id);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => b - a),
    'newest (highest id) first',
  );
}

describe('audit webhook over HTTPS (SQLite)', () => {
  let home: string;
  let store: Store;
  let server: TestServer;

  before(async () => {
    assert.ok(EXPECTED.length > 50, `Falco's rules raise alerts on the trace (${EXPECTED.length})`);
    home = await mkdtemp(join(tmpdir(), 'bulwark-audit-webhook-'));
    store = await openStore({ home });
    server = await auditServer(store);
  });
  after(async () => {
    await server.close();
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  it('raises the same alerts as the engine run directly, keeps them, lists them newest first', async () => {
    await roundTrip(server);
  });

  it('filters by rule, minimum priority and event time, combined with paging', async () => {
    const byRule = await listAll(server, '?rule=K8s%20ConfigMap%20Created', 2);
    const configMaps = EXPECTED.filter((a) => a.rule === 'K8s ConfigMap Created');
    assert.ok(configMaps.length >= 4);
    assert.deepEqual(withoutStoreFields(byRule.all).reverse(), configMaps);
    assert.equal(byRule.pages, Math.ceil(configMaps.length / 2));

    const levels = prioritiesAtLeast('NOTICE')!;
    const notice = await listAll(server, '?priority=notice', 1000);
    const atLeastNotice = EXPECTED.filter((a) => levels.includes(a.priority.toLowerCase()));
    assert.ok(atLeastNotice.length > 0 && atLeastNotice.length < EXPECTED.length);
    assert.deepEqual(withoutStoreFields(notice.all).reverse(), atLeastNotice);

    // Event time: the 2020 secret events only, then one day of 2018 (until is exclusive).
    const recent = await list(server, '?since=2020-01-01T00:00:00Z');
    assert.deepEqual(recent.alerts.map((a) => a.rule).sort(), ['K8s Secret Created', 'K8s Secret Deleted']);
    const day = await list(
      server,
      '?since=2018-10-25T00:00:00Z&until=2018-10-26T00:00:00%2B00:00&limit=1000',
    );
    assert.deepEqual(
      withoutStoreFields(day.alerts).reverse(),
      EXPECTED.filter((a) => a.time !== null && a.time >= '2018-10-25' && a.time < '2018-10-26'),
    );
    const combined = await list(
      server,
      '?rule=Create%20Privileged%20Pod&priority=WARNING&until=2018-10-25T15:00:00Z',
    );
    assert.deepEqual(
      combined.alerts.map((a) => a.time),
      ['2018-10-25T14:09:12.581541000Z'],
    );
  });

  it('keeps correlation state across batches: an incident completed in a later batch is stored whole', async () => {
    // Falco's rules plus one correlation over two of them: the configmap of create_configmap.json,
    // deleted in delete_configmap.json by the same user 30 s later.
    const correlation = `- correlation: ConfigMap Created Then Deleted
  desc: a configmap created, then deleted by the same user
  within: 10m
  by: [ka.user.name, ka.target.name]
  sequence:
    - rule: K8s ConfigMap Created
    - rule: K8s ConfigMap Deleted
  output: configmap %ka.target.name created and deleted by %ka.user.name
  priority: NOTICE
  tags: [k8s]
`;
    const loaded = loadRules(
      [
        { path: falcoRulesPath(), text: readFileSync(falcoRulesPath(), 'utf8') },
        { path: 'correlation.yaml', text: correlation },
      ],
      new Map([['k8s_audit', k8sAuditSource]]),
    );
    assert.ok(loaded.ok, JSON.stringify(loaded.ok || loaded.errors));
    const created = EVENTS.find(
      (e) => e.verb === 'create' && (e.objectRef as { name?: string }).name === 'my-config',
    )!;
    const deleted = EVENTS.find(
      (e) => e.verb === 'delete' && (e.objectRef as { name?: string }).name === 'my-config',
    )!;
    // Other events, older than the create: the correlator's clock is the newest event time seen,
    // so a newer one in between would end the 10-minute window before the delete arrives.
    const timeOf = (e: Record<string, unknown>) => String(e.stageTimestamp ?? e.timestamp);
    const unrelated = EVENTS.filter(
      (e) =>
        e.kind === 'Event' &&
        (e.objectRef as { resource?: string } | undefined)?.resource !== 'configmaps' &&
        timeOf(e) < timeOf(created),
    ).slice(0, 3);
    assert.equal(unrelated.length, 3);
    const reference = createAuditEngine(loaded);
    const want = [...unrelated, created, ...unrelated, deleted].flatMap((e) =>
      reference
        .process(e)
        .map((a) => JSON.parse(JSON.stringify({ ...a, auditId: e.auditID })) as ExpectedAlert),
    );
    const incident = want.at(-1)!;
    assert.equal(incident.rule, 'ConfigMap Created Then Deleted');
    assert.deepEqual(
      incident.incident?.steps.map((s) => s.auditId),
      [created.auditID, deleted.auditID],
    );

    const s = await startTestServer({
      store,
      evaluate: testConfigEvaluator,
      audit: { engine: createAuditEngine(loaded), store },
    });
    try {
      const first = await s.post('/audit/webhook', eventList([...unrelated, created]));
      const second = await s.post('/audit/webhook', eventList([...unrelated, deleted]));
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      const n = JSON.parse(first.text).alerts + JSON.parse(second.text).alerts;
      assert.equal(n, want.length);
      const got = withoutStoreFields((await list(s, `?limit=${n}`)).alerts).reverse();
      assert.deepEqual(got, want);
      const only = await list(s, '?rule=ConfigMap%20Created%20Then%20Deleted');
      assert.equal(only.alerts.length, 1);
      assert.deepEqual(only.alerts[0]!.incident, incident.incident);
    } finally {
      await s.close();
    }
  });

  it('takes a single Event, and an EventList whose items are not all events (counted as malformed)', async () => {
    const exec = EVENTS.find(
      (e) => (e.objectRef as { subresource?: string } | undefined)?.subresource === 'exec',
    )!;
    const single = await server.post('/audit/webhook', exec);
    assert.equal(single.status, 200, single.text);
    assert.deepEqual(JSON.parse(single.text), { events: 1, alerts: 1, malformed: 0 });
    const newest = (await list(server, '?limit=1')).alerts[0]!;
    assert.equal(newest.rule, 'Attach/Exec Pod');
    assert.equal(newest.auditId, exec.auditID);

    const mixed = await server.post(
      '/audit/webhook',
      eventList([exec, 42, null, 'text', [exec], { kind: 'Pod' }, { ...exec, auditID: 'second' }]),
    );
    assert.equal(mixed.status, 200, mixed.text);
    assert.deepEqual(JSON.parse(mixed.text), { events: 2, alerts: 2, malformed: 5 });
    const empty = await server.post('/audit/webhook', {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      metadata: {},
    });
    assert.deepEqual(JSON.parse(empty.text), { events: 0, alerts: 0, malformed: 0 });
  });

  const badBodies: [string, string, RegExp][] = [
    ['not JSON', 'kind: EventList', /^the body is not JSON: /],
    ['an empty body', '', /^the body is not JSON: /],
    ['truncated JSON', JSON.stringify(eventList(EVENTS.slice(0, 3))).slice(0, 500), /^the body is not JSON/],
    ['a JSON array', '[]', /expected an audit EventList or Event object, got an array/],
    ['null', 'null', /got null/],
    [
      'an AdmissionReview',
      JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }),
      /apiVersion "admission.k8s.io\/v1" is not audit.k8s.io\/v1/,
    ],
    [
      'a Pod',
      JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Pod' }),
      /kind "Pod" is not EventList or Event/,
    ],
    ['no kind', JSON.stringify({ items: [] }), /kind null is not EventList or Event/],
    [
      'items not an array',
      JSON.stringify({ kind: 'EventList', items: { a: 1 } }),
      /items is an object, not an array/,
    ],
  ];
  for (const [what, body, message] of badBodies) {
    it(`answers 400 to ${what}, then keeps serving`, async () => {
      const r = await server.post('/audit/webhook', body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error, 'Bad Request');
      assert.match(r.json.message, message);
      const ok = await server.post('/audit/webhook', eventList(EVENTS.slice(0, 1)));
      assert.equal(ok.status, 200);
      assert.equal((await server.get('/healthz')).status, 200);
    });
  }

  const badQueries: [string, RegExp][] = [
    ['?since=yesterday', /parameter "since": "yesterday" is not an RFC 3339 time/],
    ['?until=2024-02-30T00:00:00Z', /parameter "until"/],
    ['?priority=severe', /parameter "priority": "severe" is not one of emergency, alert/],
    ['?limit=0', /parameter "limit": "0" is not a positive whole number/],
    ['?limit=ten', /parameter "limit"/],
    ['?before=-1', /parameter "before"/],
    ['?before=1.5', /parameter "before"/],
    ['?rule=', /parameter "rule" is empty/],
    ['?rule=a&rule=b', /parameter "rule" is given more than once/],
    ['?proirity=WARNING', /unknown parameter "proirity"/],
  ];
  for (const [query, message] of badQueries) {
    it(`GET /api/alerts${query} → 400 naming the parameter`, async () => {
      const r = await server.get(`/api/alerts${query}`);
      assert.equal(r.status, 400, r.text);
      assert.match(r.json.message, message);
    });
  }

  it('takes a limit above 1000 (the store clamps it) rather than refusing it', async () => {
    const all = await listAll(server, '', 1000);
    const r = await list(server, '?limit=100000');
    assert.equal(all.pages, 1);
    assert.deepEqual(r, { alerts: all.all });
  });

  it('accepts batches above the admission body limit (64 MiB default), refuses above its own limit', async () => {
    // ~6 MiB: above the 4 MiB admission limit, as a busy cluster's batch can be.
    const big = { ...EVENTS[0]!, annotations: { padding: 'x'.repeat(6 * 1024 * 1024) } };
    const r = await server.post('/audit/webhook', eventList([big]));
    assert.equal(r.status, 200, r.text.slice(0, 300));
    const small = await auditServer(store, { bodyLimit: 1024 });
    try {
      const refused = await small.post('/audit/webhook', eventList(EVENTS.slice(0, 5)));
      assert.equal(refused.status, 413);
      assert.match(refused.json.message, /larger than the limit of 1024 bytes/);
      assert.equal((await small.post('/audit/webhook', eventList([]))).status, 200);
    } finally {
      await small.close();
    }
  });

  it('answers 500 when the store fails (the API server retries), then serves again', async () => {
    let failing = true;
    const flaky = flakyStore(store, () => failing);
    const s = await startTestServer({
      store,
      evaluate: testConfigEvaluator,
      audit: { engine: createAuditEngine(falcoRules()), store: flaky },
    });
    try {
      const before = (await list(server, '?limit=1')).alerts[0]!.id;
      const r = await s.post('/audit/webhook', eventList(EVENTS.slice(0, 3)));
      assert.equal(r.status, 500);
      assert.match(r.json.message, /the alerts could not be stored: database is locked/);
      assert.equal((await list(server, '?limit=1')).alerts[0]!.id, before, 'nothing kept');
      failing = false;
      const retried = await s.post('/audit/webhook', eventList(EVENTS.slice(0, 3)));
      assert.equal(retried.status, 200);
    } finally {
      await s.close();
    }
  });

  it('a batch resent after a 500 is not counted twice by correlations', async () => {
    // A count correlation over every event (the traces span two days): run twice through the
    // engine, the resent events would complete a second incident. They are recognised by auditID and stage instead.
    const loaded = loadRules(
      [
        {
          path: 'count.yaml',
          text: `- correlation: Any Two Requests
  within: 100h
  count: 2
  condition: ka.verb exists
  output: two requests, the last by %ka.user.name
  priority: INFO
`,
        },
      ],
      new Map([['k8s_audit', k8sAuditSource]]),
    );
    assert.ok(loaded.ok, JSON.stringify(loaded.ok || loaded.errors));
    let failing = true;
    const flaky = flakyStore(store, () => failing);
    const s = await startTestServer({
      store,
      evaluate: testConfigEvaluator,
      audit: { engine: createAuditEngine(loaded), store: flaky },
    });
    try {
      const batch = eventList(EVENTS.slice(0, 3));
      assert.equal((await s.post('/audit/webhook', batch)).status, 500);
      failing = false;
      const retried = await s.post('/audit/webhook', batch);
      assert.equal(retried.status, 200);
      assert.deepEqual(retried.json, { events: 3, alerts: 1, malformed: 0 });
      const kept = (await list(server, '?rule=Any%20Two%20Requests')).alerts;
      assert.equal(kept.length, 1, 'one incident, as for the batch sent once');
      // A new event is counted from where the first pass left off: one event in the window.
      const next = await s.post('/audit/webhook', eventList(EVENTS.slice(3, 4)));
      assert.deepEqual(next.json, { events: 1, alerts: 1, malformed: 0 });
    } finally {
      await s.close();
    }
  });

  it('without audit options, the audit routes do not exist', async () => {
    const plain = await startTestServer({ store, evaluate: testConfigEvaluator });
    try {
      assert.equal((await plain.post('/audit/webhook', eventList([]))).status, 404);
      assert.equal((await plain.get('/api/alerts')).status, 404);
    } finally {
      await plain.close();
    }
  });
});

describe('audit webhook with an API token', () => {
  const TOKEN = 'c2VjcmV0LXRva2VuLWZvci10ZXN0cw';
  let home: string;
  let store: Store;
  let server: TestServer;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'bulwark-audit-token-'));
    store = await openStore({ home });
    server = await auditServer(store, { apiToken: TOKEN });
  });
  after(async () => {
    await server.close();
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  const refused: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 10)}` }],
    ['Basic credentials', { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` }],
    ['the bare token', { authorization: TOKEN }],
  ];
  for (const [what, headers] of refused) {
    it(`answers 401 to ${what} on /audit/webhook and /api/alerts`, async () => {
      const post = await server.post('/audit/webhook', eventList(EVENTS.slice(0, 1)), headers);
      assert.equal(post.status, 401);
      assert.equal(post.json.error, 'Unauthorized');
      const get = await server.get('/api/alerts', headers);
      assert.equal(get.status, 401);
      const get2 = await server.get('/api/alerts?limit=1', headers);
      assert.equal(get2.status, 401);
    });
  }

  it('accepts the token (any case of "Bearer"); /healthz and /admission/validate need none', async () => {
    const r = await server.post('/audit/webhook', eventList(EVENTS.slice(0, 4)), {
      authorization: `Bearer ${TOKEN}`,
    });
    assert.equal(r.status, 200, r.text);
    const listed = await server.get('/api/alerts', { authorization: `bearer ${TOKEN}` });
    assert.equal(listed.status, 200);
    assert.equal((JSON.parse(listed.text) as AlertsReply).alerts.length, JSON.parse(r.text).alerts);
    assert.equal((await server.get('/healthz')).status, 200);
    const review = await server.post('/admission/validate', {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: '00000000-0000-4000-8000-00000000aaaa',
        kind: { group: '', version: 'v1', kind: 'ConfigMap' },
        operation: 'CREATE',
        namespace: 'default',
        object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      },
    });
    assert.equal(review.status, 200, review.text);
  });
});

// One PostgreSQL run of the same round trip, in a schema of its own (as src/store/postgres.test.ts).
const PG_URL = process.env.BULWARK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
describe('audit webhook over HTTPS (PostgreSQL)', { skip: process.env.BULWARK_SKIP_PG === '1' }, () => {
  const schema = `bulwark_test_audit_${process.pid}_${randomBytes(3).toString('hex')}`;
  let store: Store;
  let server: TestServer;
  before(async () => {
    const url = new URL(PG_URL);
    url.searchParams.set('schema', schema);
    store = await openStore({ url: url.toString() });
    server = await auditServer(store);
  });
  after(async () => {
    await server?.close();
    await store?.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });

  it('raises, keeps and lists the same alerts as the engine run directly', async () => {
    assert.equal(store.dialect, 'postgres');
    await roundTrip(server);
    const notice = await listAll(server, '?priority=NOTICE&since=2018-10-26T00:00:00Z', 3);
    const levels = prioritiesAtLeast('NOTICE')!;
    assert.deepEqual(
      withoutStoreFields(notice.all).reverse(),
      EXPECTED.filter((a) => levels.includes(a.priority.toLowerCase()) && a.time! >= '2018-10-26'),
    );
  });
});
