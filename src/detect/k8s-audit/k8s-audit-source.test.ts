import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FieldAccessor } from '../field-source.ts';
import { createK8sAuditSource, k8sAuditFieldTable, k8sAuditSource } from './k8s-audit-source.ts';

const dataDir = new URL('../../../../shared/data/k8s/audit-falco/', import.meta.url);
const traceDir = new URL('falco-legacy-tests/test/trace_files/k8s_audit/', dataDir);
const rulesFile = new URL('current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml', dataDir);

/** The `line`th event of a real trace file from Falco's k8s_audit tests. */
function trace(file: string, line = 0): Record<string, unknown> {
  const lines = readFileSync(new URL(`${file}.json`, traceDir), 'utf8')
    .split('\n')
    .filter(Boolean);
  const text = lines[line];
  assert.ok(text !== undefined, `${file}.json has no line ${line}`);
  return JSON.parse(text) as Record<string, unknown>;
}

function accessor(name: string, arg?: string): FieldAccessor {
  const resolved = k8sAuditSource.resolve(name, arg);
  if ('error' in resolved) assert.fail(resolved.error);
  return resolved;
}

/** A real pod-create event extended with the parts no trace file has (capabilities, init containers…). */
function richPod(): Record<string, unknown> {
  const event = trace('create_nginx_pod_privileged_2nd_container');
  const requestObject = event.requestObject as { spec: Record<string, unknown> };
  const spec = requestObject.spec;
  const containers = spec.containers as Record<string, unknown>[];
  containers[0] = {
    ...containers[0],
    command: ['nginx', '-g', 'daemon off;'],
    ports: [{ containerPort: 80 }, { containerPort: 443, hostPort: 8443 }],
    securityContext: {
      privileged: false,
      runAsUser: 1000,
      allowPrivilegeEscalation: true,
      readOnlyRootFilesystem: false,
      procMount: 'Unmasked',
      capabilities: { add: ['NET_ADMIN', 'SYS_TIME'] },
    },
  };
  spec.securityContext = { runAsUser: 500, runAsGroup: 600, fsGroup: 700, supplementalGroups: [1, 2] };
  spec.initContainers = [
    { name: 'init', image: 'busybox@sha256:abc', securityContext: { privileged: true } },
  ];
  spec.ephemeralContainers = [{ name: 'debug', image: 'reg.example.com/tools/dbg:1.2' }];
  spec.hostPID = true;
  spec.volumes = [
    { name: 'sock', hostPath: { path: '/var/run/docker.sock' } },
    { name: 'cfg', configMap: { name: 'c' } },
    { name: 'flex', flexVolume: { driver: 'example/lvm' } },
  ];
  return {
    ...event,
    userAgent: 'kubectl/v1.29.0 (linux/amd64)',
    impersonatedUser: { username: 'system:admin', groups: ['system:masters'] },
  };
}

type Case = readonly [event: () => unknown, field: string, arg: string | undefined, expected: unknown];

const cases: readonly Case[] = [
  // request
  [() => trace('exec_pod'), 'ka.auditid', undefined, 'ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6'],
  [() => trace('exec_pod'), 'ka.stage', undefined, 'ResponseStarted'],
  [() => trace('exec_pod'), 'ka.verb', undefined, 'create'],
  [
    () => trace('exec_pod'),
    'ka.uri',
    undefined,
    '/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec?command=bash&container=nginx1&container=nginx1&stdin=true&stdout=true&tty=true',
  ],
  [() => trace('exec_pod'), 'ka.uri.param', 'command', 'bash'],
  [() => trace('exec_pod'), 'ka.uri.param', 'container', 'nginx1'],
  [() => trace('exec_pod'), 'ka.uri.param', 'missing', undefined],
  [() => trace('exec_pod'), 'ka.target.name', undefined, 'nginx-deployment-7998647bdf-phvq7'],
  [() => trace('exec_pod'), 'ka.target.namespace', undefined, 'default'],
  [() => trace('exec_pod'), 'ka.target.resource', undefined, 'pods'],
  [() => trace('exec_pod'), 'ka.target.subresource', undefined, 'exec'],
  [() => trace('create_clusterrole'), 'ka.target.subresource', undefined, undefined],
  [() => trace('exec_pod'), 'ka.response.code', undefined, '101'],
  [() => trace('exec_pod'), 'ka.response.reason', undefined, undefined],
  [() => trace('create_clusterrole'), 'ka.resp.name', undefined, 'some-reader'],
  [() => trace('exec_pod'), 'ka.cluster.name', undefined, undefined],
  // identity and authorization
  [() => trace('exec_pod'), 'ka.user.name', undefined, 'minikube-user'],
  [() => trace('exec_pod'), 'ka.user.groups', undefined, ['system:masters', 'system:authenticated']],
  [() => trace('exec_pod'), 'ka.user.groups', '1', ['system:authenticated']],
  [() => trace('exec_pod'), 'ka.sourceips', undefined, ['192.168.99.1']],
  [() => trace('exec_pod'), 'ka.sourceips', '3', undefined],
  [() => trace('exec_pod'), 'ka.auth.decision', undefined, 'allow'],
  [() => trace('exec_pod'), 'ka.auth.reason', undefined, ''],
  [() => trace('exec_pod'), 'ka.useragent', undefined, undefined],
  [richPod, 'ka.useragent', undefined, 'kubectl/v1.29.0 (linux/amd64)'],
  [richPod, 'ka.impuser.name', undefined, 'system:admin'],
  // configmaps and services
  [() => trace('create_configmap'), 'ka.req.configmap.name', undefined, 'my-config'],
  [
    () => trace('create_configmap'),
    'ka.req.configmap.obj',
    undefined,
    '{"ui.properties":"color.good=purple\\ncolor.bad=yellow\\nallow.textmode=true\\n"}',
  ],
  [() => trace('create_nginx_service_nodeport'), 'ka.req.service.type', undefined, 'NodePort'],
  [
    () => trace('create_nginx_service_nodeport'),
    'ka.req.service.ports',
    undefined,
    ['{"nodePort":30080,"port":80,"protocol":"TCP","targetPort":80}'],
  ],
  [() => trace('create_nginx_service_nodeport'), 'ka.req.service.ports', '1', undefined],
  // RBAC
  [
    () => trace('create_clusterrole'),
    'ka.req.role.rules',
    '0',
    ['{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}'],
  ],
  [() => trace('create_clusterrole'), 'ka.req.role.rules.verbs', undefined, ['get', 'list', 'get']],
  [() => trace('create_clusterrole'), 'ka.req.role.rules.verbs', '1', ['get']],
  [() => trace('create_clusterrole'), 'ka.req.role.rules.resources', undefined, ['pods']],
  [() => trace('create_clusterrole'), 'ka.req.role.rules.apiGroups', undefined, ['']],
  [() => trace('create_clusterrole'), 'ka.req.role.rules.nonResourceURLs', '0', []],
  [
    () => trace('create_clusterrolebinding'),
    'ka.req.binding.subjects',
    undefined,
    ['{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"minikube"}'],
  ],
  [() => trace('create_clusterrolebinding'), 'ka.req.binding.role', undefined, 'system:basic-user'],
  [() => trace('create_clusterrolebinding'), 'ka.req.binding.subject.has_name', 'minikube', 'true'],
  // pod level
  [() => trace('create_nginx_pod_hostnetwork'), 'ka.req.pod.host_network', undefined, 'true'],
  [() => trace('create_nginx_pod_hostnetwork'), 'ka.req.container.host_network', undefined, 'true'],
  [() => trace('create_nginx_pod_hostnetwork'), 'ka.req.pod.host_ipc', undefined, undefined],
  [richPod, 'ka.req.pod.host_pid', undefined, 'true'],
  [richPod, 'ka.req.pod.run_as_user', undefined, '500'],
  [richPod, 'ka.req.pod.run_as_group', undefined, '600'],
  [richPod, 'ka.req.pod.fs_group', undefined, '700'],
  [richPod, 'ka.req.pod.supplemental_groups', undefined, ['1', '2']],
  [
    () => trace('create_nginx_pod_sensitive_mount_2nd_container'),
    'ka.req.pod.volumes.hostpath',
    undefined,
    ['/etc'],
  ],
  [() => trace('create_nginx_pod_sensitive_mount_2nd_container'), 'ka.req.volume.hostpath', '/et*', 'true'],
  [() => trace('create_nginx_pod_sensitive_mount_2nd_container'), 'ka.req.volume.hostpath', '/et', 'false'],
  [() => trace('create_nginx_pod_hostnetwork'), 'ka.req.pod.volumes.hostpath', undefined, undefined],
  [richPod, 'ka.req.pod.volumes.hostpath', undefined, ['/var/run/docker.sock']],
  [richPod, 'ka.req.pod.volumes.flexvolume_driver', undefined, ['example/lvm']],
  [richPod, 'ka.req.pod.volumes.volume_type', undefined, ['hostPath', 'configMap', 'flexVolume']],
  [richPod, 'ka.req.pod.volumes.volume_type', '1', ['configMap']],
  // containers
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.pod.containers.image',
    undefined,
    ['nginx', 'mysql:latest'],
  ],
  [() => trace('create_nginx_pod_privileged_2nd_container'), 'ka.req.pod.containers.image', '0', ['nginx']],
  [() => trace('create_nginx_pod_privileged_2nd_container'), 'ka.req.pod.containers.image', '2', undefined],
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.pod.containers.image.repository',
    undefined,
    ['nginx', 'mysql'],
  ],
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.pod.containers.privileged',
    undefined,
    ['false', 'true'],
  ],
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.pod.containers.privileged',
    '1',
    ['true'],
  ],
  [
    () => trace('create_nginx_pod_sensitive_mount_2nd_container'),
    'ka.req.pod.containers.privileged',
    undefined,
    [],
  ],
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.container.privileged',
    undefined,
    'true',
  ],
  [() => trace('create_nginx_pod_privileged_2nd_container'), 'ka.req.container.image', undefined, 'nginx'],
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.container.image.repository',
    undefined,
    'nginx',
  ],
  [
    () => trace('create_nginx_pod_privileged_2nd_container'),
    'ka.req.pod.initContainers.image',
    undefined,
    undefined,
  ],
  [richPod, 'ka.req.pod.containers.name', undefined, ['nginx1', 'mysql']],
  [richPod, 'ka.req.pod.containers.command', '0', ['["nginx","-g","daemon off;"]']],
  [richPod, 'ka.req.pod.containers.args', undefined, []],
  [richPod, 'ka.req.pod.containers.allow_privilege_escalation', undefined, ['true']],
  [richPod, 'ka.req.pod.containers.read_only_fs', undefined, ['false']],
  [richPod, 'ka.req.pod.containers.run_as_user', undefined, ['1000']],
  [richPod, 'ka.req.pod.containers.eff_run_as_user', undefined, ['1000', '500']],
  [richPod, 'ka.req.pod.containers.run_as_group', undefined, []],
  [richPod, 'ka.req.pod.containers.eff_run_as_group', undefined, ['600', '600']],
  [richPod, 'ka.req.pod.containers.proc_mount', undefined, ['Unmasked']],
  [richPod, 'ka.req.pod.containers.add_capabilities', undefined, ['NET_ADMIN', 'SYS_TIME']],
  [richPod, 'ka.req.pod.containers.host_port', undefined, ['80', '8443']],
  [richPod, 'ka.req.pod.initContainers.image', undefined, ['busybox@sha256:abc']],
  [richPod, 'ka.req.pod.initContainers.image.repository', undefined, ['busybox']],
  [richPod, 'ka.req.pod.initContainers.privileged', undefined, ['true']],
  [richPod, 'ka.req.pod.initContainers.eff_run_as_user', undefined, ['500']],
  [richPod, 'ka.req.pod.ephemeralContainers.name', undefined, ['debug']],
  [richPod, 'ka.req.pod.ephemeralContainers.image.repository', '0', ['reg.example.com/tools/dbg']],
  [richPod, 'ka.req.pod.ephemeralContainers.privileged', undefined, []],
  // generic JSON
  [() => trace('exec_pod'), 'jevt.value', '/stage', 'ResponseStarted'],
  [() => trace('exec_pod'), 'jevt.value', '/user/groups/0', 'system:masters'],
  [() => trace('exec_pod'), 'jevt.value', '/user/groups', '["system:masters","system:authenticated"]'],
  [() => trace('exec_pod'), 'jevt.value', '/responseStatus/code', '101'],
  [() => trace('exec_pod'), 'jevt.value', '/annotations/authorization.k8s.io~1decision', 'allow'],
  [() => trace('exec_pod'), 'jevt.value', '/requestObject/spec/tls', undefined],
  [() => trace('exec_pod'), 'jevt.value', '/user/groups/7', undefined],
  [() => trace('exec_pod'), 'jevt.time', undefined, '13:38:34.902914000'],
  [() => trace('exec_pod'), 'jevt.time.iso8601', undefined, '2018-10-26T13:38:34.902914000Z'],
  [
    () => trace('exec_pod'),
    'jevt.rawtime',
    undefined,
    Date.UTC(2018, 9, 26, 13, 38, 34, 902) * 1e6 + 914_000,
  ],
];

describe('k8sAuditSource fields on real audit events', () => {
  for (const [event, field, arg, expected] of cases) {
    const label = arg === undefined ? field : `${field}[${arg}]`;
    it(`${label} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(accessor(field, arg).get(event()), expected);
    });
  }

  it('jevt.obj is the whole event as compact JSON', () => {
    const event = trace('exec_pod');
    assert.deepEqual(JSON.parse(accessor('jevt.obj').get(event) as string), event);
  });

  it('every field of the table appears in the cases or has a dedicated test', () => {
    const tested = new Set([...cases.map((c) => c[1]), 'jevt.obj']);
    const untested = k8sAuditFieldTable()
      .map((def) => def.name)
      .filter(
        (name) => !tested.has(name) && !/^ka\.req\.pod\.(initContainers|ephemeralContainers)\./.test(name),
      );
    assert.deepEqual(untested, []);
  });

  it('ka.cluster.name comes from the options', () => {
    const resolved = createK8sAuditSource({ clusterName: 'prod-eu' }).resolve('ka.cluster.name', undefined);
    assert.ok(!('error' in resolved));
    assert.equal(resolved.get(trace('exec_pod')), 'prod-eu');
  });
});

describe('k8sAuditSource against the real k8s_audit_rules.yaml', () => {
  const rules = readFileSync(rulesFile, 'utf8');
  const used = new Map<string, [string, string | undefined]>();
  for (const match of rules.matchAll(
    /\b((?:ka|jevt)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)(?:\[([^\]]*)\])?/g,
  )) {
    const [text, name, arg] = match;
    if (name !== undefined) used.set(text, [name, arg]);
  }

  it('finds the fields the rules use', () => {
    assert.ok(used.size >= 35, `only ${used.size} distinct fields found`);
    assert.ok(used.has('ka.uri.param[command]'));
    assert.ok(used.has('jevt.value[/requestObject/ephemeralContainers/0/image]'));
  });

  for (const [text, [name, arg]] of used) {
    it(`resolves ${text}`, () => {
      const resolved = k8sAuditSource.resolve(name, arg);
      assert.ok(!('error' in resolved), 'error' in resolved ? resolved.error : '');
    });
  }
});

describe('k8sAuditSource on an empty event', () => {
  for (const def of k8sAuditFieldTable()) {
    const arg = { none: undefined, index: '0', key: 'x', pointer: '/a/0' }[def.arg];
    it(`${def.name} is absent on {}, null and a string`, () => {
      const get = accessor(def.name, arg).get;
      const empty = def.name === 'jevt.obj' ? '{}' : undefined;
      assert.equal(get({}), empty);
      assert.doesNotThrow(() => get(null));
      assert.doesNotThrow(() => get('not an event'));
      assert.doesNotThrow(() =>
        get({ requestObject: { spec: { containers: [null, 3, 'x'], volumes: 'x' } } }),
      );
    });
  }
});

describe('k8sAuditSource.resolve errors', () => {
  const errors: readonly [string, string | undefined, RegExp][] = [
    ['ka.nope', undefined, /Unknown k8s_audit field "ka\.nope"/],
    ['proc.name', undefined, /Unknown k8s_audit field "proc\.name"/],
    ['ka.verb', '0', /"ka\.verb" takes no argument/],
    ['ka.req.pod.containers.image', 'first', /"ka\.req\.pod\.containers\.image" takes a list index/],
    ['ka.req.pod.containers.image', '-1', /takes a list index/],
    ['ka.uri.param', undefined, /"ka\.uri\.param" requires a key argument/],
    ['ka.uri.param', '', /requires a key argument/],
    ['jevt.value', undefined, /"jevt\.value" requires a JSON pointer/],
    ['jevt.value', 'stage', /"jevt\.value": JSON pointer "stage" must start with "\/"/],
    ['jevt.value', '/a~2b', /"~" not followed by 0 or 1/],
  ];
  for (const [name, arg, message] of errors) {
    it(`${name}${arg === undefined ? '' : `[${arg}]`} → ${message}`, () => {
      const resolved = k8sAuditSource.resolve(name, arg);
      assert.ok('error' in resolved, 'expected an error');
      assert.match(resolved.error, message);
    });
  }

  it('field names in the table are unique', () => {
    const names = k8sAuditFieldTable().map((def) => def.name);
    assert.equal(new Set(names).size, names.length);
  });
});
