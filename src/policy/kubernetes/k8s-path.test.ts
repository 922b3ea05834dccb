import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinPath, parsePath } from './k8s-path.ts';

describe('joinPath / parsePath', () => {
  const cases: [string, (string | number)[]][] = [
    ['', []],
    ['spec', ['spec']],
    [
      'spec.containers[0].securityContext.privileged',
      ['spec', 'containers', 0, 'securityContext', 'privileged'],
    ],
    [
      "metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']",
      ['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app'],
    ],
    ["items[3].data['it\\'s']", ['items', 3, 'data', "it's"]],
    ["data['']", ['data', '']],
  ];
  for (const [path, segments] of cases) {
    it(`round-trips ${path || '(root)'}`, () => {
      assert.equal(joinPath('', ...segments), path);
      assert.deepEqual(parsePath(path), segments);
    });
  }

  it('appends to a base path', () => {
    assert.equal(
      joinPath('spec.template.spec', 'volumes', 2, 'hostPath'),
      'spec.template.spec.volumes[2].hostPath',
    );
  });

  it('stops at a malformed tail', () => {
    assert.deepEqual(parsePath('spec.containers[x].name'), ['spec', 'containers']);
    assert.deepEqual(parsePath("a['unclosed"), ['a']);
  });
});
