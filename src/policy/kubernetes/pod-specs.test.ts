import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containersOf, podSpecsOf, volumesOf } from './pod-specs.ts';

const spec = { containers: [{ name: 'c' }] };

describe('podSpecsOf', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['Pod', { spec }, 'spec', 'metadata'],
    ['PodTemplate', { template: { spec } }, 'template.spec', 'template.metadata'],
    ['Deployment', { spec: { template: { spec } } }, 'spec.template.spec', 'spec.template.metadata'],
    ['StatefulSet', { spec: { template: { spec } } }, 'spec.template.spec', 'spec.template.metadata'],
    ['DaemonSet', { spec: { template: { spec } } }, 'spec.template.spec', 'spec.template.metadata'],
    ['ReplicaSet', { spec: { template: { spec } } }, 'spec.template.spec', 'spec.template.metadata'],
    [
      'ReplicationController',
      { spec: { template: { spec } } },
      'spec.template.spec',
      'spec.template.metadata',
    ],
    ['Job', { spec: { template: { spec } } }, 'spec.template.spec', 'spec.template.metadata'],
    [
      'CronJob',
      { spec: { jobTemplate: { spec: { template: { spec } } } } },
      'spec.jobTemplate.spec.template.spec',
      'spec.jobTemplate.spec.template.metadata',
    ],
    ['DeploymentConfig', { spec: { template: { spec } } }, 'spec.template.spec', 'spec.template.metadata'],
  ];
  for (const [kind, raw, path, metadataPath] of cases) {
    it(`finds the pod spec of a ${kind}`, () => {
      const found = podSpecsOf({ kind, raw });
      assert.equal(found.length, 1);
      assert.equal(found[0]!.path, path);
      assert.equal(found[0]!.metadataPath, metadataPath);
      assert.deepEqual(found[0]!.spec, spec);
    });
  }

  it('returns the pod template metadata', () => {
    const [found] = podSpecsOf({
      kind: 'Job',
      raw: { spec: { template: { metadata: { annotations: { a: 'b' } }, spec } } },
    });
    assert.deepEqual(found!.metadata, { annotations: { a: 'b' } });
  });

  it('finds nothing in other kinds or malformed objects', () => {
    assert.deepEqual(podSpecsOf({ kind: 'Service', raw: { spec } }), []);
    assert.deepEqual(podSpecsOf({ kind: 'Deployment', raw: { spec: { template: [] } } }), []);
    assert.deepEqual(podSpecsOf({ kind: 'Pod', raw: { spec: 'x' } }), []);
    assert.deepEqual(podSpecsOf({ kind: 'CronJob', raw: {} }), []);
  });
});

describe('containersOf and volumesOf', () => {
  it('yields containers, init and ephemeral containers with paths and names', () => {
    const podSpec = {
      initContainers: [{ name: 'init' }],
      containers: [{ name: 'a' }, 'junk', { image: 'x' }],
      ephemeralContainers: [{ name: 'dbg' }],
    };
    assert.deepEqual(
      containersOf(podSpec, 'spec.template.spec').map((c) => [c.list, c.name, c.path]),
      [
        ['containers', 'a', 'spec.template.spec.containers[0]'],
        ['containers', 'containers[2]', 'spec.template.spec.containers[2]'],
        ['initContainers', 'init', 'spec.template.spec.initContainers[0]'],
        ['ephemeralContainers', 'dbg', 'spec.template.spec.ephemeralContainers[0]'],
      ],
    );
    assert.deepEqual(
      containersOf(podSpec, 'spec', ['initContainers']).map((c) => c.name),
      ['init'],
    );
    assert.deepEqual(containersOf({ containers: 'x' }, 'spec'), []);
  });

  it('yields volumes with paths and names', () => {
    assert.deepEqual(
      volumesOf({ volumes: [{ name: 'v', emptyDir: {} }, null, { hostPath: { path: '/' } }] }, 'spec').map(
        (v) => [v.name, v.path],
      ),
      [
        ['v', 'spec.volumes[0]'],
        ['volumes[2]', 'spec.volumes[2]'],
      ],
    );
  });
});
