import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { workloadContainers } from './workload-containers.ts';

type MessageId = 'writable' | 'notSet';

/** BW-K8S-105: containers run with a read-only root filesystem. */
export const readOnlyRootFilesystem: K8sRule<MessageId> = {
  id: 'BW-K8S-105',
  severity: 'MEDIUM',
  title: 'Root filesystem is writable',
  description:
    'A writable root filesystem lets an intruder drop tools, change binaries and configuration of the ' +
    'running container, and keep them until the container restarts. There is no pod-level setting: ' +
    'each container must ask for it.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir where ' +
    'the application must write (/tmp, caches).',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'KSV014',
    'C-0017',
    'kubesec:ReadOnlyRootFilesystem',
  ],
  profiles: ['best-practice'],
  messages: {
    writable: 'container "{container}" sets readOnlyRootFilesystem to false',
    notSet: 'container "{container}" does not set readOnlyRootFilesystem: true',
  },
  *check(obj) {
    for (const c of workloadContainers(obj)) {
      const sc = c.container.securityContext;
      const value = isRecord(sc) ? sc.readOnlyRootFilesystem : undefined;
      if (value === true) continue;
      yield {
        messageId: value === false ? 'writable' : 'notSet',
        path: `${c.path}.securityContext.readOnlyRootFilesystem`,
        data: { container: c.name },
      };
    }
  },
};
