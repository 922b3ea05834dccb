import type { K8sRule } from '../../k8s-rule.ts';
import { containersWithoutProbe } from './probes.ts';

type MessageId = 'missing';

/** BW-K8S-111: long-running containers tell the kubelet when they are stuck. */
export const livenessProbe: K8sRule<MessageId> = {
  id: 'BW-K8S-111',
  severity: 'LOW',
  title: 'Liveness probe not configured',
  description:
    'Without a liveness probe a container that deadlocks or stops serving keeps running until someone ' +
    'notices; the kubelet restarts only containers whose process exits. Jobs and CronJobs are not checked.',
  remediation:
    'Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails only when a restart would help, ' +
    'with a startupProbe for slow starters.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    'C-0056',
  ],
  profiles: ['best-practice'],
  messages: {
    missing: 'container "{container}" has no livenessProbe',
  },
  *check(obj) {
    for (const c of containersWithoutProbe(obj, 'livenessProbe')) {
      yield { messageId: 'missing', path: `${c.path}.livenessProbe`, data: { container: c.name } };
    }
  },
};
