// Our hardening rules on the kubesec test assets whose bats tests turn on one of kubesec's rules that
// we mirror: an asset kubesec scores down for a rule must fail ours; one it scores up must pass ours.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { isRecord } from '../../../../core/is-record.ts';
import { sharedData } from '../../../../test-support/shared-data.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containerRuntimeSocket } from './container-runtime-socket.ts';
import { cpuResources } from './cpu-resources.ts';
import { memoryResources } from './memory-resources.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { violationsOf } from './rule-cases.ts';
import { serviceAccountToken } from './service-account-token.ts';

interface KubesecCase {
  /** The bats test, as named in expected.from-bats-tests.json. */
  readonly test: string;
  readonly asset: string;
  readonly kubesecRule: string;
  readonly rule: K8sRule;
  readonly fails: boolean;
}

const CASES: readonly KubesecCase[] = [
  {
    test: 'fails DaemonSet with mounted host docker.sock',
    asset: 'score-0-daemonset-mount-docker-socket.yml',
    kubesecRule: 'DockerSock',
    rule: containerRuntimeSocket,
    fails: true,
  },
  {
    test: 'fails DaemonSet with host docker.socket',
    asset: 'score-0-daemonset-volume-host-docker-socket.yml',
    kubesecRule: 'DockerSock',
    rule: containerRuntimeSocket,
    fails: true,
  },
  {
    test: 'passes deployment with securitycontext readOnlyRootFilesystem',
    asset: 'score-1-dep-ro-root-fs.yml',
    kubesecRule: 'ReadOnlyRootFilesystem',
    rule: readOnlyRootFilesystem,
    fails: false,
  },
  {
    test: 'passes deployment with cgroup resource limits',
    asset: 'score-1-dep-resource-limit-cpu.yml',
    kubesecRule: 'LimitsCPU, RequestsCPU',
    rule: cpuResources,
    fails: false,
  },
  {
    test: 'passes deployment with cgroup memory limits',
    asset: 'score-1-dep-resource-limit-memory.yml',
    kubesecRule: 'LimitsMemory, RequestsMemory',
    rule: memoryResources,
    fails: false,
  },
  {
    test: 'passes Pod with automountServiceAccountToken set to false',
    asset: 'score-1-pod-automount-sa-set-to-false.yml',
    kubesecRule: 'AutomountServiceAccountToken',
    rule: serviceAccountToken,
    fails: false,
  },
];

const batsTests: unknown = JSON.parse(
  readFileSync(sharedData('k8s', 'kubesec', 'expected.from-bats-tests.json'), 'utf8'),
);

describe('kubesec test assets', () => {
  for (const c of CASES) {
    it(`${c.test} (kubesec ${c.kubesecRule}) → ${c.rule.id} ${c.fails ? 'fails' : 'passes'}`, () => {
      // The case must still be one of kubesec's, with the verdict we assume.
      const bats = Array.isArray(batsTests)
        ? batsTests.filter(isRecord).find((t) => t.test === c.test)
        : undefined;
      assert.ok(bats !== undefined, `kubesec has no bats test "${c.test}"`);
      assert.deepEqual(bats.assets, [`asset/${c.asset}`]);
      assert.deepEqual(bats.assertions, [c.fails ? 'assert_lt_zero_points' : 'assert_gt_zero_points']);

      const text = readFileSync(sharedData('k8s', 'kubesec', 'test', 'asset', c.asset), 'utf8');
      const objects = parseAllDocuments(text)
        .map((d) => d.toJS() as unknown)
        .filter(isRecord);
      assert.ok(objects.length > 0);
      const found = objects.flatMap((o) => violationsOf(c.rule, o));
      assert.equal(found.length > 0, c.fails, JSON.stringify(found));
    });
  }
});
