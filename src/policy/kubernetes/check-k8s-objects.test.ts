import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkK8sObjects } from './check-k8s-objects.ts';
import type { K8sObject } from './k8s-object.ts';
import type { K8sProfile, K8sRule } from './k8s-rule.ts';
import { parseK8sText } from './parse-k8s-text.ts';
import { PSS_RULES } from './pss-rules.ts';

function fakeRule(id: string, profile: K8sProfile): K8sRule<'hit'> {
  return {
    id,
    severity: 'LOW',
    title: `rule ${id}`,
    description: 'd',
    remediation: 'r',
    references: [],
    profiles: [profile],
    messages: { hit: '{kind} {name} hit by {id}' },
    *check(obj) {
      yield { messageId: 'hit', path: 'metadata.name', data: { kind: obj.kind, name: obj.name ?? '?', id } };
    },
  };
}

const FAKE = [
  fakeRule('BW-K8S-901', 'baseline'),
  fakeRule('BW-K8S-902', 'restricted'),
  fakeRule('BW-K8S-903', 'best-practice'),
  fakeRule('BW-K8S-904', 'rbac'),
];

function objects(text: string): K8sObject[] {
  const { objects, errors } = parseK8sText(text, 'm.yaml');
  assert.deepEqual(errors, []);
  return objects;
}

const ONE = objects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: ns\n');

describe('checkK8sObjects: profiles', () => {
  const ids = (profile: Parameters<typeof checkK8sObjects>[2]['profile']) =>
    checkK8sObjects(ONE, FAKE, { profile }).map((f) => f.ruleId);

  it('baseline runs baseline rules, plus best-practice and RBAC', () => {
    assert.deepEqual(ids('baseline'), ['BW-K8S-901', 'BW-K8S-903', 'BW-K8S-904']);
  });
  it('restricted adds the restricted rules to baseline', () => {
    assert.deepEqual(ids('restricted'), ['BW-K8S-901', 'BW-K8S-902', 'BW-K8S-903', 'BW-K8S-904']);
  });
  it('all runs everything', () => {
    assert.deepEqual(ids('all'), ['BW-K8S-901', 'BW-K8S-902', 'BW-K8S-903', 'BW-K8S-904']);
  });
  it('best-practice or rbac alone run no Pod Security rule', () => {
    assert.deepEqual(ids('best-practice'), ['BW-K8S-903', 'BW-K8S-904']);
    assert.deepEqual(ids('rbac'), ['BW-K8S-903', 'BW-K8S-904']);
  });
  it('renders the message, the resource and the location', () => {
    const [f] = checkK8sObjects(ONE, [FAKE[0]!], { profile: 'all' });
    assert.deepEqual(f, {
      ruleId: 'BW-K8S-901',
      messageId: 'hit',
      severity: 'LOW',
      title: 'rule BW-K8S-901',
      message: 'ConfigMap cm hit by BW-K8S-901',
      remediation: 'r',
      references: [],
      resource: { kind: 'ConfigMap', name: 'cm', namespace: 'ns', apiVersion: 'v1' },
      location: { file: 'm.yaml', startLine: 4, path: 'metadata.name' },
    });
  });
});

// The seed's attack: a pod that mounts the host's / to write its crontab.
const SEED = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: cron-writer',
  'spec:',
  '  containers:',
  '  - name: shell',
  '    image: alpine:3.20',
  '    command: ["sh", "-c", "echo \'* * * * * root sh /tmp/x\' >> /host/etc/crontab"]',
  '    volumeMounts:',
  '    - name: host-root',
  '      mountPath: /host',
  '  volumes:',
  '  - name: host-root',
  '    hostPath:',
  '      path: /',
  '',
].join('\n');

describe('checkK8sObjects: Pod Security Standards', () => {
  it("catches the seed's hostPath / pod at baseline, with file, line and path", () => {
    const findings = checkK8sObjects(objects(SEED), PSS_RULES, { profile: 'baseline' });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.message, f.location]),
      [
        [
          'BW-K8S-005',
          'HIGH',
          'volume "host-root" mounts the host path /',
          { file: 'm.yaml', startLine: 15, path: 'spec.volumes[0].hostPath' },
        ],
      ],
    );
  });

  it('restricted adds the hardening the pod lacks, each finding once', () => {
    const findings = checkK8sObjects(objects(SEED), PSS_RULES, { profile: 'restricted' });
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.messageId} ${f.location.path} @${f.location.startLine}`),
      [
        'BW-K8S-005 hostPath spec.volumes[0].hostPath @15',
        'BW-K8S-014 notSet spec.containers[0].securityContext.allowPrivilegeEscalation @7',
        'BW-K8S-015 notSet spec.containers[0].securityContext.runAsNonRoot @7',
        'BW-K8S-017 notSet spec.containers[0].securityContext.seccompProfile.type @7',
        'BW-K8S-018 dropAll spec.containers[0].securityContext.capabilities.drop @7',
      ],
    );
  });

  it('a pod that meets the Restricted level has no finding', () => {
    const good = objects(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: good}',
        'spec:',
        '  template:',
        '    spec:',
        '      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}',
        '      containers:',
        '      - name: app',
        '        image: app:1',
        '        securityContext:',
        '          allowPrivilegeEscalation: false',
        '          capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}',
        '      volumes: [{name: tmp, emptyDir: {}}]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(checkK8sObjects(good, PSS_RULES, { profile: 'all' }), []);
  });
});

describe('checkK8sObjects: suppression by annotation', () => {
  const annotated = (annotations: string) =>
    objects(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n${annotations}spec:\n  hostNetwork: true\n  containers:\n  - {name: c, image: x, securityContext: {privileged: true}}\n`,
    );

  it('marks the named rules suppressed, with the reason, and still reports them', () => {
    const findings = checkK8sObjects(
      annotated(
        '    bulwark.dev/ignore: "BW-K8S-003, bw-k8s-002"\n    bulwark.dev/ignore-reason: node agent, reviewed 2024-05\n',
      ),
      PSS_RULES,
      { profile: 'baseline' },
    );
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.suppressed]),
      [
        [
          'BW-K8S-002',
          { kind: 'ignore', status: 'ignored', reason: 'node agent, reviewed 2024-05', source: 'annotation' },
        ],
        [
          'BW-K8S-003',
          { kind: 'ignore', status: 'ignored', reason: 'node agent, reviewed 2024-05', source: 'annotation' },
        ],
      ],
    );
  });

  it('without a reason, suppresses nothing and says why (INFO notice BW-K8S-000)', () => {
    const findings = checkK8sObjects(annotated('    bulwark.dev/ignore: BW-K8S-003\n'), PSS_RULES, {
      profile: 'baseline',
    });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.messageId, f.severity, f.suppressed]),
      [
        ['BW-K8S-000', 'missingReason', 'INFO', undefined],
        ['BW-K8S-002', 'hostNetwork', 'HIGH', undefined],
        ['BW-K8S-003', 'privileged', 'CRITICAL', undefined],
      ],
    );
    assert.equal(
      findings[0]!.message,
      'annotation bulwark.dev/ignore names BW-K8S-003 but bulwark.dev/ignore-reason is missing or empty, so nothing is suppressed',
    );
    assert.deepEqual(findings[0]!.location, {
      file: 'm.yaml',
      startLine: 6,
      path: "metadata.annotations['bulwark.dev/ignore']",
    });
  });

  it('reports an unknown rule id and still honours the known ones', () => {
    const findings = checkK8sObjects(
      annotated('    bulwark.dev/ignore: BW-K8S-003 BW-K8S-3\n    bulwark.dev/ignore-reason: vendor image\n'),
      PSS_RULES,
      { profile: 'baseline' },
    );
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.messageId, f.suppressed?.reason]),
      [
        ['BW-K8S-000', 'unknownRule', undefined],
        ['BW-K8S-002', 'hostNetwork', undefined],
        ['BW-K8S-003', 'privileged', 'vendor image'],
      ],
    );
    assert.equal(
      findings[0]!.message,
      'annotation bulwark.dev/ignore names "BW-K8S-3", which is not a Kubernetes rule id',
    );
  });

  it('treats a blank reason as none', () => {
    const findings = checkK8sObjects(
      annotated('    bulwark.dev/ignore: BW-K8S-003\n    bulwark.dev/ignore-reason: "  "\n'),
      PSS_RULES,
      { profile: 'baseline' },
    );
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.messageId, f.suppressed]),
      [
        ['BW-K8S-000', 'missingReason', undefined],
        ['BW-K8S-002', 'hostNetwork', undefined],
        ['BW-K8S-003', 'privileged', undefined],
      ],
    );
  });

  it("ignores a pod template's annotations: suppression is for the object itself", () => {
    const dep = objects(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata:\n      annotations: {bulwark.dev/ignore: BW-K8S-002, bulwark.dev/ignore-reason: x}\n    spec: {hostPID: true, containers: []}\n',
    );
    const [f] = checkK8sObjects(dep, PSS_RULES, { profile: 'baseline' });
    assert.equal(f!.ruleId, 'BW-K8S-002');
    assert.equal(f!.suppressed, undefined);
  });
});

describe('checkK8sObjects: robustness', () => {
  it('turns a failing rule into a notice and goes on', () => {
    const broken: K8sRule = {
      ...fakeRule('BW-K8S-999', 'baseline'),
      *check() {
        yield* [];
        throw new Error('boom');
      },
    };
    const findings = checkK8sObjects(ONE, [broken, FAKE[0]!], { profile: 'all' });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.messageId, f.message]),
      [
        ['BW-K8S-000', 'ruleError', 'rule BW-K8S-999 could not check this object: boom'],
        ['BW-K8S-901', 'hit', 'ConfigMap cm hit by BW-K8S-901'],
      ],
    );
  });

  it('checks objects that do not come from text (an admission review)', () => {
    const obj: K8sObject = {
      kind: 'Pod',
      apiVersion: 'v1',
      name: 'r',
      annotations: {},
      raw: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'r' },
        spec: { hostIPC: true, containers: [] },
      },
      file: '<admission>',
      docIndex: 0,
      lineOf: () => undefined,
    };
    assert.deepEqual(
      checkK8sObjects([obj], PSS_RULES, { profile: 'baseline' }).map((f) => f.location),
      [{ file: '<admission>', path: 'spec.hostIPC' }],
    );
  });

  it('survives malformed pod specs in every rule', () => {
    const odd = objects(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: odd, annotations: [1]}',
        'spec:',
        '  securityContext: [x]',
        '  containers: [1, "two", null, {name: 3, securityContext: {capabilities: {add: "SYS_ADMIN", drop: "ALL"}, seccompProfile: 7}}]',
        '  initContainers: {not: a list}',
        '  volumes: [null, {name: v, nfs: null}, 5]',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: nospec}',
        'spec: {template: 4}',
        '',
      ].join('\n'),
    );
    const findings = checkK8sObjects(odd, PSS_RULES, { profile: 'all' });
    assert.ok(
      findings.every((f) => f.ruleId !== 'BW-K8S-000'),
      JSON.stringify(findings.filter((f) => f.ruleId === 'BW-K8S-000')),
    );
  });
});
