import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { isWindowsPod, PSS_RESTRICTED } from './pss-common.ts';

type MessageId = 'notSet';

/**
 * BW-K8S-017 (PSS Restricted "Seccomp"): every container runs with a seccomp profile, set on the
 * pod or on the container. A profile that is set but not allowed (Unconfined) is BW-K8S-011's
 * (Baseline, which runs with the Restricted profile too), so this rule reports only the missing ones.
 */
export const seccompRestrictedRule: K8sRule<MessageId> = {
  id: 'BW-K8S-017',
  severity: 'LOW',
  title: 'No seccomp profile',
  description:
    'A container without a seccomp profile set in its pod spec depends on the kubelet default, ' +
    'which is Unconfined unless the node turns on SeccompDefault: every system call is open. The ' +
    'Restricted Pod Security Standard requires securityContext.seccompProfile.type RuntimeDefault ' +
    'or Localhost on the pod, or on every container (Linux pods only: pods with spec.os.name: ' +
    'windows are exempt).',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  references: [PSS_RESTRICTED, 'KSV030', 'C-0210'],
  profiles: ['restricted'],
  messages: {
    notSet:
      'container "{container}" has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      if (isWindowsPod(pod.spec)) continue;
      const podProfile = securityContextOf(pod.spec)?.seccompProfile;
      if (podProfile !== undefined && podProfile !== null) continue;
      for (const c of containersOf(pod.spec, pod.path)) {
        const profile = securityContextOf(c.container)?.seccompProfile;
        if (profile !== undefined && profile !== null) continue;
        yield {
          messageId: 'notSet',
          path: `${c.path}.securityContext.seccompProfile.type`,
          data: { container: c.name },
        };
      }
    }
  },
};
