import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { type CompiledRule, loadRules } from '../../src/detect/rules/load-rules.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// Bulwark's own k8s_audit rules (rules/k8s_audit/bulwark_k8s_audit_rules.yaml) as tables, on
// Falco's recorded audit events with the fields under test changed.

const TRACES = 'k8s/audit-falco/falco-legacy-tests/test/trace_files/k8s_audit';
const DIR = fileURLToPath(new URL('../../rules/k8s_audit/', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: trace events are edited freely as fixtures
type Json = Record<string, any>;
const trace = (name: string): Json =>
  JSON.parse(readFileSync(join(sharedData(TRACES), name), 'utf8').split('\n')[0]!) as Json;

function bulwarkRules(): CompiledRule[] {
  const files = readdirSync(DIR)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => ({ path: n, text: readFileSync(join(DIR, n), 'utf8') }));
  const r = loadRules(files, new Map([['k8s_audit', k8sAuditSource]]));
  if (!r.ok) assert.fail(JSON.stringify(r.errors));
  return r.rules;
}
const rules = bulwarkRules();
const fired = (e: unknown): string[] => rules.filter((r) => r.match(e)).map((r) => `${r.priority} ${r.name}`);

describe('Bulwark Pod With Sensitive Host Mount / Host Root Mount', () => {
  const pod = (paths: string[]): Json => {
    const e = trace('create_nginx_pod_sensitive_mount.json');
    e.requestObject.spec.volumes = paths.map((path, i) => ({ name: `v${i}`, hostPath: { path } }));
    return e;
  };
  const SENSITIVE = ['ERROR Bulwark Pod With Sensitive Host Mount'];
  const ROOT = ['CRITICAL Bulwark Pod With Host Root Mount'];
  const cases: [string[], string[]][] = [
    [['/'], ROOT],
    [['/tmp', '/'], ROOT],
    [['/', '/etc'], ROOT],
    [['/etc'], SENSITIVE],
    [['/etc/'], SENSITIVE],
    [['/etc/shadow'], SENSITIVE],
    [['/tmp', '/root/.ssh'], SENSITIVE],
    [['/root'], SENSITIVE],
    [['/var/run/docker.sock'], SENSITIVE],
    [['/run/containerd/containerd.sock'], SENSITIVE],
    [['/var/run/crio/crio.sock'], SENSITIVE],
    [['/proc'], SENSITIVE],
    [['/proc/1/root'], SENSITIVE],
    [['/var/lib/kubelet'], SENSITIVE],
    [['/var/lib/kubelet/pki'], SENSITIVE],
    [['/etc/kubernetes/manifests'], SENSITIVE],
    [['/boot'], SENSITIVE],
    [['/etcd'], []],
    [['/rootfs-data'], []],
    [['/tmp', '/var/log'], []],
    [['/var/lib/kubelet-plugins'], []],
    [[], []],
  ];
  for (const [paths, want] of cases) {
    it(`hostPath ${JSON.stringify(paths)} → ${JSON.stringify(want)}`, () =>
      assert.deepEqual(fired(pod(paths)), want));
  }

  it('only on pod creation (not on a pod subresource, nor another verb)', () => {
    const e = pod(['/']);
    e.verb = 'update';
    assert.deepEqual(fired(e), []);
    const sub = pod(['/']);
    sub.objectRef.subresource = 'binding';
    assert.deepEqual(fired(sub), []);
  });
});

describe('Bulwark Anonymous Request Allowed / Write Allowed', () => {
  const request = (uri: string, verb: string, user: Json, decision = 'allow'): Json => {
    const e = trace('anonymous_creates_namespace_foo.json');
    e.requestURI = uri;
    e.verb = verb;
    e.user = user;
    e.annotations['authorization.k8s.io/decision'] = decision;
    return e;
  };
  const ANON = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
  const GROUP_ONLY = { username: 'anonymous-renamed', groups: ['system:unauthenticated'] };
  const USER = { username: 'alice', groups: ['system:authenticated'] };
  const READ = ['WARNING Bulwark Anonymous Request Allowed'];
  const WRITE = ['CRITICAL Bulwark Anonymous Write Allowed'];
  const cases: [string, string, Json, string, string[]][] = [
    ['/api/v1/namespaces', 'create', ANON, 'allow', WRITE],
    ['/api/v1/namespaces/default/pods/x', 'delete', GROUP_ONLY, 'allow', WRITE],
    ['/api/v1/secrets', 'list', ANON, 'allow', READ],
    ['/apis', 'get', GROUP_ONLY, 'allow', READ],
    ['/api/v1/secrets', 'list', ANON, 'forbid', []],
    ['/api/v1/secrets', 'list', USER, 'allow', []],
    ['/healthz', 'get', ANON, 'allow', []],
    ['/healthz?verbose', 'get', ANON, 'allow', []],
    ['/livez', 'get', ANON, 'allow', []],
    ['/readyz/etcd', 'get', ANON, 'allow', []],
    ['/version', 'get', ANON, 'allow', []],
    ['/version?timeout=32s', 'get', ANON, 'allow', []],
    ['/healthzx', 'get', ANON, 'allow', READ],
    ['/versions', 'get', ANON, 'allow', READ],
  ];
  for (const [uri, verb, user, decision, want] of cases) {
    it(`${user.username} ${verb} ${uri} (${decision}) → ${JSON.stringify(want)}`, () =>
      assert.deepEqual(fired(request(uri, verb, user, decision)), want));
  }

  it('judges exec sessions when they start, other requests when they complete', () => {
    const exec = trace('exec_pod.json');
    exec.user = ANON;
    assert.equal(exec.stage, 'ResponseStarted');
    assert.deepEqual(fired(exec), WRITE);
    const started = request('/api/v1/namespaces', 'create', ANON);
    started.stage = 'ResponseStarted';
    assert.deepEqual(fired(started), []);
  });
});
