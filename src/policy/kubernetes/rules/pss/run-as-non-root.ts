import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_RESTRICTED } from './pss-common.ts';

type MessageId = 'podFalse' | 'containerFalse' | 'notSet';

/**
 * BW-K8S-015 (PSS Restricted "Running as Non-root"): runAsNonRoot is true on the pod, or on every
 * container, and false nowhere.
 *
 * Kubernetes can relax this for pods in a user namespace (`hostUsers: false`) when the cluster
 * admin opts in (`UserNamespacesPodSecurityStandards`); a manifest cannot show that opt-in, so it
 * is not assumed.
 */
export const runAsNonRootRule: K8sRule<MessageId> = {
  id: 'BW-K8S-015',
  severity: 'MEDIUM',
  title: 'Container may run as root',
  description:
    'Without runAsNonRoot: true the kubelet starts the container as whatever user the image names, ' +
    'root by default, and root in a container is one kernel bug or one misconfigured mount away ' +
    'from root on the node. The Restricted Pod Security Standard requires ' +
    'securityContext.runAsNonRoot: true on the pod or on every container (containers may leave it ' +
    'unset when the pod sets it), and false nowhere.',
  remediation:
    'Set spec.securityContext.runAsNonRoot: true (and a non-zero runAsUser, or a numeric USER in the ' +
    'image), and remove any runAsNonRoot: false.',
  references: [PSS_RESTRICTED, 'KSV012', 'C-0013', 'kubesec:RunAsNonRoot'],
  profiles: ['restricted'],
  messages: {
    podFalse: 'the pod sets securityContext.runAsNonRoot: false',
    containerFalse: 'container "{container}" sets securityContext.runAsNonRoot: false',
    notSet: 'container "{container}" may run as root: neither it nor the pod sets runAsNonRoot: true',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      const podValue = securityContextOf(pod.spec)?.runAsNonRoot;
      if (podValue === false) {
        yield { messageId: 'podFalse', path: `${pod.path}.securityContext.runAsNonRoot` };
      }
      for (const c of containersOf(pod.spec, pod.path)) {
        const value = securityContextOf(c.container)?.runAsNonRoot;
        if (value === true) continue;
        if (value === false) {
          yield {
            messageId: 'containerFalse',
            path: `${c.path}.securityContext.runAsNonRoot`,
            data: { container: c.name },
          };
        } else if (podValue !== true) {
          yield {
            messageId: 'notSet',
            path: `${c.path}.securityContext.runAsNonRoot`,
            data: { container: c.name },
          };
        }
      }
    }
  },
};
