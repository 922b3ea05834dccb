// Our hardening rules on the inputs of trivy-checks' own Rego tests (`<check>_test.rego`): we must fail
// exactly where Trivy's test expects a denial, except for the differences recorded below.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { containerRuntimeSocket } from './container-runtime-socket.ts';
import { cpuResources } from './cpu-resources.ts';
import { hostRootMount } from './host-root-mount.ts';
import { imageRefParts } from './image-reference.ts';
import { imageTagLatest } from './image-tag-latest.ts';
import { memoryResources } from './memory-resources.ts';
import { comparePeer, trivyCases } from './peer-cases.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { pod, violationsOf } from './rule-cases.ts';
import { sensitiveHostPath } from './sensitive-host-path.ts';
import { serviceAccountToken } from './service-account-token.ts';
import { serviceExposure } from './service-exposure.ts';

/** Trivy's cases for a check, asserting that the extraction from Rego still finds most of them. */
function cases(check: string, atLeast: number) {
  const { cases: found } = trivyCases(check);
  it(`${check}_test.rego yields at least ${atLeast} literal cases`, () => assert.ok(found.length >= atLeast));
  return found;
}

describe('trivy-checks', () => {
  comparePeer({
    peer: 'trivy KSV011',
    cases: cases('CPU_not_limited', 2),
    rules: [cpuResources],
    messageIds: ['cpuLimit'],
  });
  comparePeer({
    peer: 'trivy KSV015',
    cases: cases('CPU_requests_not_specified', 2),
    rules: [cpuResources],
    messageIds: ['cpuRequest'],
  });
  comparePeer({
    peer: 'trivy KSV018',
    cases: cases('memory_not_limited', 2),
    rules: [memoryResources],
    messageIds: ['memoryLimit'],
  });
  comparePeer({
    peer: 'trivy KSV016',
    cases: cases('memory_requests_not_specified', 2),
    rules: [memoryResources],
    messageIds: ['memoryRequest'],
  });
  comparePeer({
    peer: 'trivy KSV014',
    cases: cases('file_system_not_read_only', 3),
    rules: [readOnlyRootFilesystem],
  });
  comparePeer({
    peer: 'trivy KSV036',
    cases: cases('protecting_pod_service_account_tokens', 4),
    rules: [serviceAccountToken],
    differences: {
      // Trivy infers "no token" when no container mounts the token path; the kubelet mounts it anyway.
      test_protect_service_account_token_denied_without_mountPath:
        'pod leaves automountServiceAccountToken unset: Trivy passes it, the token is still mounted',
    },
  });
  comparePeer({
    peer: 'trivy KSV006',
    cases: cases('mounts_docker_socket', 2),
    rules: [containerRuntimeSocket],
  });
  comparePeer({
    peer: 'trivy KSV121',
    cases: cases('Kubernetes_resource_with_disallowed_volumes_mounted', 3),
    rules: [hostRootMount, sensitiveHostPath, containerRuntimeSocket],
  });
  comparePeer({
    peer: 'trivy KSV023',
    cases: cases('hostpath_volumes_mounted', 2),
    rules: [hostRootMount, sensitiveHostPath, containerRuntimeSocket],
  });
  comparePeer({
    peer: 'trivy KSV108',
    cases: cases('service_with_externalip', 2),
    rules: [serviceExposure],
    messageIds: ['externalIPs'],
  });

  // KSV013's test is a table of image references, not literal inputs: read the table.
  describe('trivy KSV013 vs BW-K8S-103', () => {
    const text = readFileSync(
      sharedData('k8s', 'trivy-checks', 'checks', 'kubernetes', 'uses_image_tag_latest_test.rego'),
      'utf8',
    );
    const table = [...text.matchAll(/"image":\s*"([^"]+)",\s*"expected":\s*(\d+)/g)];
    it('has the image table', () => assert.ok(table.length >= 8));
    // The table's digest, "sha256:askj78jhkf…", is not hexadecimal, so it pins nothing; Trivy takes any
    // "@" for a digest, we accept only a well-formed one.
    // That matters only where the tag does not save it (none, or latest).
    const floatingWithFakeDigest = (image: string) => {
      const tag = imageRefParts(image).tag;
      return /@sha256:(?![0-9a-f]+$)/.test(image) && (tag === undefined || tag === 'latest');
    };
    for (const [, image = '', expected] of table) {
      const trivyFails = expected !== '0';
      const differs = floatingWithFakeDigest(image) && !trivyFails;
      it(`${image}: ${trivyFails ? 'fails' : 'passes'}${differs ? ' in Trivy; we fail it (malformed digest)' : ''}`, () => {
        const got = violationsOf(imageTagLatest, pod({ containers: [{ name: 'c', image }] }));
        assert.equal(got.length > 0, differs ? true : trivyFails);
      });
    }
  });
});
