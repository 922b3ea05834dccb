import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AuditAlert } from '../../src/core/audit-alert.ts';
import { createAuditEngine } from '../../src/detect/audit/audit-engine.ts';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { type LoadRulesResult, loadRules, type RulesFile } from '../../src/detect/rules/load-rules.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// The seed attack chain, end to end: an API server that lets anonymous requests write. Someone
// unauthenticated creates a pod mounting the node's root filesystem, then execs into it. Falco's
// rules see two unrelated events; Bulwark's correlation sees one CRITICAL incident. The events are
// Falco's own recorded audit events (falco-legacy-tests trace files), re-targeted here in code.

const TRACES = 'k8s/audit-falco/falco-legacy-tests/test/trace_files/k8s_audit';
const FALCO_RULES = 'k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml';
const BULWARK_DIR = fileURLToPath(new URL('../../rules/k8s_audit/', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: trace events are edited freely as fixtures
type Json = Record<string, any>;

/** The first event of a trace file, as a fresh copy. */
function trace(name: string): Json {
  const line = readFileSync(join(sharedData(TRACES), name), 'utf8').split('\n')[0]!;
  return JSON.parse(line) as Json;
}

function bulwarkFiles(): RulesFile[] {
  return readdirSync(BULWARK_DIR)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ path: join(BULWARK_DIR, n), text: readFileSync(join(BULWARK_DIR, n), 'utf8') }));
}

function load(withFalco: boolean): Extract<LoadRulesResult, { ok: true }> {
  const falco = sharedData(FALCO_RULES);
  const files = [
    ...(withFalco ? [{ path: falco, text: readFileSync(falco, 'utf8') }] : []),
    ...bulwarkFiles(),
  ];
  const r = loadRules(files, new Map([['k8s_audit', k8sAuditSource]]));
  if (!r.ok) assert.fail(JSON.stringify(r.errors, null, 2));
  return r;
}

const T0 = Date.parse('2026-03-14T09:26:53.000Z');
/** Every timestamp of an event set to T0 + `minutes` (the API server writes three). */
function at(e: Json, minutes: number): Json {
  const iso = new Date(T0 + minutes * 60_000).toISOString().replace('Z', '000Z');
  e.requestReceivedTimestamp = iso;
  e.stageTimestamp = iso;
  e.timestamp = iso;
  return e;
}

const ANONYMOUS = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const POD = 'bw-rootfs-x7k2q';

/** create_nginx_pod_sensitive_mount.json, as the anonymous user, mounting hostPath / as pod POD. */
function anonymousRootPod(minutes: number): Json {
  const e = trace('create_nginx_pod_sensitive_mount.json');
  e.auditID = '11111111-0000-4000-8000-000000000001';
  e.user = ANONYMOUS;
  e.annotations = { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' };
  e.requestObject.spec.volumes[0].hostPath.path = '/';
  e.responseObject.spec.volumes[0].hostPath.path = '/';
  e.requestObject.metadata.generateName = 'bw-rootfs-';
  e.responseObject.metadata.generateName = 'bw-rootfs-';
  e.responseObject.metadata.name = POD;
  e.responseObject.metadata.selfLink = `/api/v1/namespaces/default/pods/${POD}`;
  return at(e, minutes);
}

/** exec_pod.json, re-targeted at `pod` and run by `user` (the anonymous user by default). */
function execInto(pod: string, minutes: number, user: Json = ANONYMOUS): Json {
  const e = trace('exec_pod.json');
  e.auditID = `22222222-0000-4000-8000-00000000000${minutes % 10}`;
  e.user = user;
  e.objectRef.name = pod;
  e.requestURI = `/api/v1/namespaces/default/pods/${pod}/exec?command=sh&container=nginx&stdin=true&stdout=true&tty=true`;
  return at(e, minutes);
}

function alertsOf(events: Json[], withFalco = true): AuditAlert[][] {
  const r = load(withFalco);
  const engine = createAuditEngine({ rules: r.rules, correlations: r.correlations });
  return events.map((e) => engine.process(e));
}

const names = (alerts: AuditAlert[]): string[] => alerts.map((a) => `${a.priority} ${a.rule}`);
const incidents = (all: AuditAlert[][]): AuditAlert[] => all.flat().filter((a) => a.incident !== undefined);

describe('the seed attack chain: anonymous host-root pod, then exec into it', () => {
  it("raises Falco's detections, Bulwark's, and exactly one incident naming both steps", () => {
    const [create, exec] = alertsOf([anonymousRootPod(0), execInto(POD, 2)]);
    assert.deepEqual(names(create!), [
      'WARNING Create Sensitive Mount Pod',
      'WARNING Anonymous Request Allowed',
      'CRITICAL Bulwark Anonymous Write Allowed',
      'CRITICAL Bulwark Pod With Host Root Mount',
    ]);
    assert.deepEqual(names(exec!), [
      'NOTICE Attach/Exec Pod',
      'CRITICAL Bulwark Anonymous Write Allowed',
      'CRITICAL Bulwark Anonymous Host Mount Pod Then Exec',
    ]);
    const incident = exec!.at(-1)!;
    assert.deepEqual(incident, {
      rule: 'Bulwark Anonymous Host Mount Pod Then Exec',
      priority: 'CRITICAL',
      time: '2026-03-14T09:28:53.000000000Z',
      output:
        "Unauthenticated user's pod with a sensitive host mount was then exec'd into " +
        `(exec_user=system:anonymous pod=${POD} ns=default action=exec command=sh sourceips=192.168.99.1)`,
      outputFields: {
        'ka.user.name': 'system:anonymous',
        'ka.target.name': POD,
        'ka.target.namespace': 'default',
        'ka.target.subresource': 'exec',
        'ka.uri.param[command]': 'sh',
        'ka.sourceips': ['192.168.99.1'],
      },
      tags: ['k8s', 'mitre_privilege_escalation', 'mitre_execution', 'T1611', 'T1609'],
      source: 'k8s_audit',
      incident: {
        kind: 'sequence',
        key: { 'ka.target.namespace': 'default', 'ka.target.name': POD },
        firstTime: '2026-03-14T09:26:53.000000000Z',
        count: 2,
        steps: [
          {
            step: 'step 1',
            time: '2026-03-14T09:26:53.000000000Z',
            auditId: '11111111-0000-4000-8000-000000000001',
            summary: `system:anonymous create pods default/${POD}`,
          },
          {
            step: 'step 2',
            time: '2026-03-14T09:28:53.000000000Z',
            auditId: '22222222-0000-4000-8000-000000000002',
            summary: `system:anonymous create pods/exec default/${POD}`,
          },
        ],
      },
    });
  });

  it('raises no incident when the exec comes 15 minutes later', () => {
    const all = alertsOf([anonymousRootPod(0), execInto(POD, 15)]);
    assert.deepEqual(incidents(all), []);
    assert.deepEqual(names(all[1]!), ['NOTICE Attach/Exec Pod', 'CRITICAL Bulwark Anonymous Write Allowed']);
  });

  it('raises no incident for an exec into a different pod', () => {
    assert.deepEqual(incidents(alertsOf([anonymousRootPod(0), execInto('nginx-other-pod', 2)])), []);
  });

  it('still raises the CRITICAL incident when another user execs into that pod (it is keyed by pod), but not the same-user one', () => {
    const admin = { username: 'minikube-user', groups: ['system:masters', 'system:authenticated'] };
    const all = alertsOf([anonymousRootPod(0), execInto(POD, 3, admin)]);
    assert.deepEqual(names(all[1]!), [
      'NOTICE Attach/Exec Pod',
      'CRITICAL Bulwark Anonymous Host Mount Pod Then Exec',
    ]);
    assert.deepEqual(incidents(all)[0]!.incident?.key, {
      'ka.target.namespace': 'default',
      'ka.target.name': POD,
    });
  });

  it("raises no incident for an authenticated controller's sensitive-mount pod exec'd by someone else", () => {
    const pod = at(trace('create_nginx_pod_sensitive_mount.json'), 0);
    const admin = { username: 'minikube-user', groups: ['system:masters', 'system:authenticated'] };
    const all = alertsOf([pod, execInto(pod.responseObject.metadata.name as string, 1, admin)]);
    assert.deepEqual(names(all[0]!), [
      'WARNING Create Sensitive Mount Pod',
      'ERROR Bulwark Pod With Sensitive Host Mount',
    ]);
    assert.deepEqual(incidents(all), []);
  });

  it("raises the same-user WARNING incident for an ordinary pod created and exec'd by one user", () => {
    const user = { username: 'minikube-user', groups: ['system:masters', 'system:authenticated'] };
    const pod = trace('create_nginx_pod_unprivileged.json');
    pod.user = user;
    const name = pod.responseObject.metadata.name as string;
    const all = alertsOf([at(pod, 0), execInto(name, 4, user), execInto(name, 5, user)]);
    assert.deepEqual(
      incidents(all).map((a) => [a.rule, a.priority, a.incident?.key]),
      [
        [
          'Bulwark Exec Into Recently Created Pod',
          'WARNING',
          { 'ka.user.name': 'minikube-user', 'ka.target.namespace': 'default', 'ka.target.name': name },
        ],
      ],
    );
    assert.equal(all[1]!.at(-1)!.rule, 'Bulwark Exec Into Recently Created Pod', 'on the first exec only');
  });

  it("detects the chain with Bulwark's files alone (without Falco's rules)", () => {
    const [create, exec] = alertsOf([anonymousRootPod(0), execInto(POD, 2)], false);
    assert.deepEqual(names(create!), [
      'CRITICAL Bulwark Anonymous Write Allowed',
      'CRITICAL Bulwark Pod With Host Root Mount',
    ]);
    assert.deepEqual(names(exec!), [
      'CRITICAL Bulwark Anonymous Write Allowed',
      'CRITICAL Bulwark Anonymous Host Mount Pod Then Exec',
    ]);
  });
});

describe("Bulwark's other k8s_audit correlations on re-targeted trace events", () => {
  /** anonymous_creates_namespace_foo.json, denied, by `user`, `seconds` after T0. */
  function forbidden(seconds: number, user = 'stolen-token-user'): Json {
    const e = at(trace('anonymous_creates_namespace_foo.json'), seconds / 60);
    e.user = { username: user, groups: ['system:authenticated'] };
    e.annotations = { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' };
    e.responseStatus = { code: 403, metadata: {} };
    e.auditID = `33333333-0000-4000-8000-${String(seconds).padStart(12, '0')}`;
    return e;
  }

  it('a burst of 21 forbidden requests in a minute is one incident; 20 are none', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => forbidden(i * 2));
    assert.deepEqual(incidents(alertsOf(twenty)), []);
    const spread = [...twenty, forbidden(61)]; // the first has left the minute by then
    assert.deepEqual(incidents(alertsOf(spread)), []);
    const all = alertsOf([...twenty, forbidden(40), forbidden(41, 'someone-else')]);
    const got = incidents(all);
    assert.deepEqual(
      got.map((a) => [a.rule, a.incident?.count, a.incident?.key, a.incident?.steps.map((s) => s.step)]),
      [
        [
          'Bulwark Burst Of Forbidden Requests',
          21,
          { 'ka.user.name': 'stolen-token-user' },
          ['event 1', 'event 19', 'event 20', 'event 21'],
        ],
      ],
    );
    assert.equal(all[20]!.at(-1)!.rule, 'Bulwark Burst Of Forbidden Requests');
  });

  it('an anonymous request, then an anonymous clusterrolebinding, is one CRITICAL incident', () => {
    const probe = at(trace('anonymous_creates_namespace_foo.json'), 0);
    probe.user = ANONYMOUS;
    const binding = at(trace('create_clusterrolebinding.json'), 4);
    binding.user = ANONYMOUS;
    const got = incidents(alertsOf([probe, binding]));
    assert.deepEqual(
      got.map((a) => [a.rule, a.priority, a.incident?.steps.map((s) => s.summary)]),
      [
        [
          'Bulwark Anonymous Access Then RBAC Change',
          'CRITICAL',
          [
            'system:anonymous create namespaces foo',
            'system:anonymous create clusterrolebindings some-reader-binding',
          ],
        ],
      ],
    );
    assert.deepEqual(incidents(alertsOf([binding])), [], 'the binding alone completes nothing');
  });
});

describe('the index changes nothing', () => {
  it('indexed and unindexed engines give the same alerts and incidents on every trace event and the chains', () => {
    // Every real trace event (as recorded, then as the anonymous user, then forbidden), interleaved
    // with the seed chain and its variants, with the clock advancing: rules and correlations meet
    // the dispatch with all the verbs and resources Falco's traces hold.
    const all: Json[] = [];
    let minute = 0;
    for (const name of readdirSync(sharedData(TRACES))
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      for (const line of readFileSync(join(sharedData(TRACES), name), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const recorded = JSON.parse(line) as Json;
        const anonymous = { ...structuredClone(recorded), user: ANONYMOUS };
        const forbidden = structuredClone(recorded);
        forbidden.annotations = { 'authorization.k8s.io/decision': 'forbid' };
        all.push(at(recorded, minute), at(anonymous, minute), at(forbidden, minute));
        minute += 0.1;
      }
    }
    all.push(anonymousRootPod(minute), execInto(POD, minute + 1), execInto('elsewhere', minute + 2));
    const r = load(true);
    const indexed = createAuditEngine(r);
    const unindexed = createAuditEngine(r, { unindexed: true });
    const a = all.map((e) => indexed.process(e));
    const b = all.map((e) => unindexed.process(e));
    assert.deepEqual(a, b);
    // The comparison means something only if both kinds of alert occurred.
    assert.ok(a.flat().length > all.length / 2, `${a.flat().length} alerts`);
    assert.ok(incidents(a).length >= 2, `${incidents(a).length} incidents`);
  });
});
