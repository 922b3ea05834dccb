import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POD_BEARING_KINDS, podContainers } from './pod-containers.ts';

const podSpec = {
  initContainers: [{ name: 'init', image: 'busybox:1.36' }],
  containers: [{ name: 'app', image: ' nginx:1.25 ' }, { name: 'sidecar' }],
  ephemeralContainers: [{ name: 'debug', image: 'alpine:3.19' }],
};

const cases: [kind: string, object: Record<string, unknown>, base: string][] = [
  ['Pod', { spec: podSpec }, 'spec'],
  ['Deployment', { spec: { template: { spec: podSpec } } }, 'spec.template.spec'],
  ['StatefulSet', { spec: { template: { spec: podSpec } } }, 'spec.template.spec'],
  ['DaemonSet', { spec: { template: { spec: podSpec } } }, 'spec.template.spec'],
  ['ReplicaSet', { spec: { template: { spec: podSpec } } }, 'spec.template.spec'],
  ['ReplicationController', { spec: { template: { spec: podSpec } } }, 'spec.template.spec'],
  ['Job', { spec: { template: { spec: podSpec } } }, 'spec.template.spec'],
  [
    'CronJob',
    { spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } },
    'spec.jobTemplate.spec.template.spec',
  ],
];

describe('podContainers', () => {
  it('covers every pod-bearing kind', () => {
    assert.deepEqual(cases.map((c) => c[0]).sort(), [...POD_BEARING_KINDS].sort());
  });
  for (const [kind, object, base] of cases) {
    it(`${kind}: init, regular and ephemeral containers with their paths`, () => {
      assert.deepEqual(podContainers(kind, object), [
        { name: 'init', image: 'busybox:1.36', path: `${base}.initContainers[0]` },
        { name: 'app', image: 'nginx:1.25', path: `${base}.containers[0]` },
        { name: 'sidecar', image: '', path: `${base}.containers[1]` },
        { name: 'debug', image: 'alpine:3.19', path: `${base}.ephemeralContainers[0]` },
      ]);
    });
  }
  it('other kinds and malformed specs have none, without throwing', () => {
    assert.deepEqual(podContainers('Service', { spec: podSpec }), []);
    assert.deepEqual(podContainers('Pod', { spec: 'nope' }), []);
    assert.deepEqual(podContainers('Pod', { spec: { containers: 'x' } }), []);
    assert.deepEqual(podContainers('Pod', { spec: { containers: [null, 3, { image: 7 }] } }), [
      { name: 'containers[2]', image: '', path: 'spec.containers[2]' },
    ]);
    assert.deepEqual(podContainers('Deployment', { spec: { template: null } }), []);
  });
});
