import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_RESTRICTED } from './pss-common.ts';

type MessageId = 'pod' | 'container';

/** BW-K8S-016 (PSS Restricted "Running as Non-root user"): runAsUser is never 0. */
export const runAsUserRule: K8sRule<MessageId> = {
  id: 'BW-K8S-016',
  severity: 'MEDIUM',
  title: 'Container runs as UID 0',
  description:
    'runAsUser: 0 runs the container as root whatever the image says. The Restricted Pod Security ' +
    'Standard allows securityContext.runAsUser only unset or non-zero, on the pod and every container.',
  remediation:
    'Set runAsUser to a non-zero UID (above 10000 avoids clashing with users of the node), or remove it.',
  references: [PSS_RESTRICTED, 'KSV105'],
  profiles: ['restricted'],
  messages: {
    pod: 'the pod sets securityContext.runAsUser: 0 (root)',
    container: 'container "{container}" sets securityContext.runAsUser: 0 (root)',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      if (securityContextOf(pod.spec)?.runAsUser === 0) {
        yield { messageId: 'pod', path: `${pod.path}.securityContext.runAsUser` };
      }
      for (const c of containersOf(pod.spec, pod.path)) {
        if (securityContextOf(c.container)?.runAsUser !== 0) continue;
        yield {
          messageId: 'container',
          path: `${c.path}.securityContext.runAsUser`,
          data: { container: c.name },
        };
      }
    }
  },
};
