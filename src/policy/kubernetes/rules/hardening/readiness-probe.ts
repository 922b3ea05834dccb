import type { K8sRule } from '../../k8s-rule.ts';
import { containersWithoutProbe } from './probes.ts';

type MessageId = 'missing';

/** BW-K8S-112: long-running containers receive traffic only once they can serve it. */
export const readinessProbe: K8sRule<MessageId> = {
  id: 'BW-K8S-112',
  severity: 'LOW',
  title: 'Readiness probe not configured',
  description:
    'Without a readiness probe a pod is added to its Services as soon as its containers start, and stays ' +
    'there while overloaded or broken, so clients see errors during rollouts and failures. Jobs and ' +
    'CronJobs are not checked.',
  remediation: 'Add a readinessProbe that succeeds only when the container can serve requests.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    'C-0018',
  ],
  profiles: ['best-practice'],
  messages: {
    missing: 'container "{container}" has no readinessProbe',
  },
  *check(obj) {
    for (const c of containersWithoutProbe(obj, 'readinessProbe')) {
      yield { messageId: 'missing', path: `${c.path}.readinessProbe`, data: { container: c.name } };
    }
  },
};
