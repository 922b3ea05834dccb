import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditAlert } from '../core/audit-alert.ts';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { AlertToSave, StoredAlert } from './alert-queries.ts';
import type { Store } from './store.ts';
import type { ConformanceContext } from './store-conformance-context.ts';

/** A rule alert as the engine raises it (Falco's "Create Privileged Pod"). */
function ruleAlert(overrides: Partial<AlertToSave> = {}): AlertToSave {
  return {
    rule: 'Create Privileged Pod',
    priority: 'WARNING',
    time: '2018-10-25T14:09:12.000000000Z',
    output:
      'Pod started with privileged container (user=system:serviceaccount:kube-system:replicaset-controller ' +
      'pod=nginx-deployment-5cbd8f5b88-f6cbm ns=default images=nginx)',
    outputFields: {
      'ka.user.name': 'system:serviceaccount:kube-system:replicaset-controller',
      'ka.resp.name': 'nginx-deployment-5cbd8f5b88-f6cbm',
      'ka.target.namespace': 'default',
      'ka.req.pod.containers.image': ['nginx'],
    },
    tags: ['k8s'],
    source: 'k8s_audit',
    auditId: 'a362d22b-db3c-4590-9505-23782f12925f',
    ...overrides,
  };
}

/** A correlation's alert: its incident must come back as it went in. */
const INCIDENT_ALERT: AlertToSave = {
  rule: 'Secret read after exec',
  priority: 'CRITICAL',
  time: '2024-05-01T12:00:05.123456789Z',
  output: 'exec then secret read by ålice 🔑 in ns=prod',
  outputFields: { 'ka.user.name': 'ålice', count: 2, nested: { ok: true, none: null } },
  tags: ['k8s', 'MITRE_Credential_Access'],
  source: 'k8s_audit',
  incident: {
    kind: 'sequence',
    key: { 'ka.user.name': 'ålice', 'ka.target.namespace': null },
    firstTime: '2024-05-01T12:00:00.000000000Z',
    count: 2,
    steps: [
      {
        step: 'Attach/Exec Pod',
        time: '2024-05-01T12:00:00.000000000Z',
        auditId: 'a-1',
        summary: 'ålice create pods/exec web-0',
      },
      { step: 'step 2', time: '2024-05-01T12:00:05.123456789Z', summary: 'ålice get secrets db-password' },
    ],
  },
};

/** What was saved, minus what the store adds. */
function saved(a: StoredAlert): AlertToSave {
  const { id: _id, receivedAt: _received, ...rest } = a;
  return rest;
}

async function saveAt(s: Store, alerts: readonly AlertToSave[], receivedAt: string): Promise<number[]> {
  return s.saveAlerts(alerts, { receivedAt: new Date(receivedAt) });
}

function isUsage(message: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof BulwarkError, String(e));
    assert.equal(e.code, ErrorCodes.USAGE);
    assert.match(e.message, message);
    return true;
  };
}

/** Store conformance: audit alerts kept by the server. Registered by storeConformance. */
export function alertConformance({ open, withStore }: ConformanceContext): void {
  describe('audit alerts', () => {
    it('round-trips alerts with incidents, unicode, null times and audit ids, across reopening', async () => {
      const alerts: AlertToSave[] = [
        ruleAlert(),
        INCIDENT_ALERT,
        ruleAlert({ time: null, auditId: undefined, rule: 'Ünïcode rule', output: 'nul\0dropped' }),
      ];
      let ids: number[] = [];
      await withStore(async (s) => {
        assert.deepEqual(await s.saveAlerts([]), []);
        ids = await saveAt(s, alerts, '2024-05-01T12:00:06Z');
      });
      assert.equal(ids.length, 3);
      assert.ok(ids[0]! < ids[1]! && ids[1]! < ids[2]!, `ids in input order: ${ids}`);
      const s = await open();
      try {
        const page = await s.listAlerts();
        assert.equal(page.next, undefined);
        assert.deepEqual(
          page.alerts.map((a) => a.id),
          [...ids].reverse(),
        );
        const [third, second, first] = page.alerts;
        assert.deepEqual(saved(first!), alerts[0]);
        assert.deepEqual(saved(second!), INCIDENT_ALERT);
        // NUL is dropped (PostgreSQL refuses it in text); a missing time and audit id stay missing.
        const { auditId: _none, ...plain } = ruleAlert({
          time: null,
          rule: 'Ünïcode rule',
          output: 'nuldropped',
        });
        assert.deepEqual(saved(third!), plain);
        assert.equal(first!.receivedAt, '2024-05-01T12:00:06.000000000Z');
      } finally {
        await s.close();
      }
    });

    it('stores event times in one layout, whatever offset and precision they came in', async () => {
      await withStore(async (s) => {
        await s.saveAlerts([ruleAlert({ time: '2024-05-01T14:00:00.5+02:00' })]);
        const [a] = (await s.listAlerts()).alerts;
        assert.equal(a?.time, '2024-05-01T12:00:00.500000000Z');
        // …so a filter written without a fraction still finds it.
        assert.equal((await s.listAlerts({ since: '2024-05-01T12:00:00Z' })).alerts.length, 1);
        assert.equal((await s.listAlerts({ since: '2024-05-01T12:00:01Z' })).alerts.length, 0);
      });
    });

    it('lists newest first and filters by time, rule and minimum priority', async () => {
      await withStore(async (s) => {
        const byName = new Map<string, number>();
        const add = async (name: string, alert: AlertToSave) => {
          const [id] = await s.saveAlerts([alert]);
          byName.set(name, id!);
        };
        await add('old-warning', ruleAlert({ time: '2024-01-01T00:00:00.000000000Z' }));
        await add(
          'notice',
          ruleAlert({ rule: 'K8s Secret Created', priority: 'INFO', time: '2024-02-01T00:00:00.000000000Z' }),
        );
        await add('critical', { ...INCIDENT_ALERT, time: '2024-03-01T00:00:00.000000000Z' });
        await add('untimed', ruleAlert({ priority: 'Notice', time: null }));
        await add(
          'emergency',
          ruleAlert({ rule: 'Other', priority: 'emergency', time: '2024-04-01T00:00:00.000000000Z' }),
        );
        const names = (page: { alerts: readonly StoredAlert[] }) =>
          page.alerts.map((a) => [...byName].find(([, id]) => id === a.id)?.[0]);

        assert.deepEqual(names(await s.listAlerts()), [
          'emergency',
          'untimed',
          'critical',
          'notice',
          'old-warning',
        ]);
        assert.deepEqual(names(await s.listAlerts({ since: '2024-02-01T00:00:00Z' })), [
          'emergency',
          'critical',
          'notice',
        ]);
        assert.deepEqual(names(await s.listAlerts({ until: '2024-02-01T00:00:00Z' })), ['old-warning']);
        assert.deepEqual(
          names(
            await s.listAlerts({
              since: '2024-01-15T00:00:00+01:00',
              until: '2024-03-01T00:00:00.000000001Z',
            }),
          ),
          ['critical', 'notice'],
        );
        assert.deepEqual(names(await s.listAlerts({ rule: 'Create Privileged Pod' })), [
          'untimed',
          'old-warning',
        ]);
        assert.deepEqual(names(await s.listAlerts({ rule: 'create privileged pod' })), []);
        assert.deepEqual(names(await s.listAlerts({ minPriority: 'critical' })), ['emergency', 'critical']);
        assert.deepEqual(names(await s.listAlerts({ minPriority: 'NOTICE' })), [
          'emergency',
          'untimed',
          'critical',
          'old-warning',
        ]);
        assert.deepEqual(
          names(await s.listAlerts({ minPriority: 'informational' })),
          names(await s.listAlerts()),
        );
        assert.deepEqual(
          names(
            await s.listAlerts({
              rule: 'Create Privileged Pod',
              minPriority: 'warning',
              since: '2023-12-31T00:00:00Z',
            }),
          ),
          ['old-warning'],
        );

        await assert.rejects(
          s.listAlerts({ since: 'yesterday' }),
          isUsage(/since "yesterday" is not an RFC 3339 time/),
        );
        await assert.rejects(s.listAlerts({ until: '2024-02-30T00:00:00Z' }), isUsage(/until/));
        await assert.rejects(s.listAlerts({ minPriority: 'severe' }), isUsage(/minPriority "severe"/));
      });
    });

    it('pages with the `before` cursor until every alert was seen once', async () => {
      await withStore(async (s) => {
        const ids = await s.saveAlerts(
          Array.from({ length: 25 }, (_, i) => ruleAlert({ output: `alert ${i}`, auditId: `id-${i}` })),
        );
        const seen: number[] = [];
        let before: number | undefined;
        let pages = 0;
        for (;;) {
          const page = await s.listAlerts({ limit: 10, ...(before === undefined ? {} : { before }) });
          pages++;
          seen.push(...page.alerts.map((a) => a.id));
          if (page.next === undefined) break;
          assert.equal(page.next, page.alerts.at(-1)?.id);
          before = page.next;
        }
        assert.equal(pages, 3);
        assert.deepEqual(seen, [...ids].reverse());
        // A cursor and filters combine; a cursor below every id gives an empty last page.
        const filtered = await s.listAlerts({ before: ids[5]!, rule: 'Create Privileged Pod', limit: 2 });
        assert.deepEqual(
          filtered.alerts.map((a) => a.output),
          ['alert 4', 'alert 3'],
        );
        assert.equal(filtered.next, ids[3]);
        assert.deepEqual(await s.listAlerts({ before: ids[0]! }), { alerts: [] });
        // Exactly `limit` left: no next page.
        assert.equal((await s.listAlerts({ before: ids[10]!, limit: 10 })).next, undefined);
      });
    });

    it('clamps the page size to 1–1000 (default 100)', async () => {
      await withStore(async (s) => {
        await s.saveAlerts(Array.from({ length: 1005 }, (_, i) => ruleAlert({ output: `a${i}` })));
        assert.equal((await s.listAlerts()).alerts.length, 100);
        const max = await s.listAlerts({ limit: 5000 });
        assert.equal(max.alerts.length, 1000);
        assert.ok(max.next !== undefined);
        assert.equal((await s.listAlerts({ limit: 0 })).alerts.length, 1);
        assert.equal((await s.listAlerts({ limit: -3 })).alerts.length, 1);
        assert.equal((await s.listAlerts({ limit: 2.7 })).alerts.length, 2);
      });
    });

    it('prunes by arrival time, keeping ids growing after the newest were pruned', async () => {
      await withStore(async (s) => {
        const old = await saveAt(s, [ruleAlert(), ruleAlert()], '2024-01-01T00:00:00Z');
        const recent = await saveAt(
          s,
          [ruleAlert({ time: '2017-01-01T00:00:00.000000000Z' })],
          '2024-03-01T00:00:00Z',
        );
        assert.equal(await s.pruneAlerts('2023-12-31T23:59:59Z'), 0);
        assert.equal(await s.pruneAlerts('2024-02-01T00:00:00+00:00'), 2);
        assert.deepEqual(
          (await s.listAlerts()).alerts.map((a) => a.id),
          recent,
        );
        assert.equal(await s.pruneAlerts('2025-01-01T00:00:00Z'), 1);
        assert.deepEqual(await s.listAlerts(), { alerts: [] });
        const [next] = await s.saveAlerts([ruleAlert()]);
        assert.ok(next! > recent[0]! && next! > old[1]!, `a new id (${next}) after pruning everything`);
        await assert.rejects(s.pruneAlerts('last week'), isUsage(/olderThan "last week"/));
      });
    });

    it('keeps none of a batch when one alert cannot be stored', async () => {
      await withStore(async (s) => {
        const bad = { ...ruleAlert(), rule: null } as unknown as AuditAlert;
        await assert.rejects(s.saveAlerts([ruleAlert(), bad]));
        assert.deepEqual(await s.listAlerts(), { alerts: [] });
      });
    });
  });
}
