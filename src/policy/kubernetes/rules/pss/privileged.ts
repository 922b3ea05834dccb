import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE } from './pss-common.ts';

type MessageId = 'privileged';

/** BW-K8S-003 (PSS Baseline "Privileged Containers"): no privileged containers. */
export const privilegedRule: K8sRule<MessageId> = {
  id: 'BW-K8S-003',
  severity: 'CRITICAL',
  title: 'Privileged container',
  description:
    'A privileged container has every capability, sees every device of the node and runs without ' +
    'seccomp, AppArmor or SELinux confinement: root in it is root on the node (mount the host disk, ' +
    'load kernel modules). The Baseline Pod Security Standard allows securityContext.privileged ' +
    'only unset or false, for containers, init containers and ephemeral containers.',
  remediation:
    'Remove securityContext.privileged (or set it to false) and add back only the capabilities the ' +
    'process needs; use a device plugin instead of privileged mode for device access.',
  references: [PSS_BASELINE, 'KSV017', 'C-0057', 'kubesec:Privileged'],
  profiles: ['baseline'],
  messages: {
    privileged: 'container "{container}" is privileged (securityContext.privileged: true)',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const c of containersOf(pod.spec, pod.path)) {
        if (securityContextOf(c.container)?.privileged === true) {
          yield {
            messageId: 'privileged',
            path: `${c.path}.securityContext.privileged`,
            data: { container: c.name },
          };
        }
      }
    }
  },
};
