import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'hostPort';

/** BW-K8S-006 (PSS Baseline "Host Ports"): no container binds a port of the node. */
export const hostPortsRule: K8sRule<MessageId> = {
  id: 'BW-K8S-006',
  severity: 'MEDIUM',
  title: 'Container binds a host port',
  description:
    "A hostPort binds the container's port on the node's own address: it bypasses Services and " +
    'network policies aimed at pods, exposes the workload on every network the node is on, and ' +
    'ties the pod to nodes where the port is free. The Baseline Pod Security Standard allows ' +
    'ports[*].hostPort only unset or 0 (or a list the cluster admin approved, which Bulwark does ' +
    'not know).',
  remediation: 'Remove hostPort from the container ports and expose the workload through a Service.',
  references: [PSS_BASELINE, 'KSV024', 'C-0044'],
  profiles: ['baseline'],
  messages: {
    hostPort: 'container "{container}" binds host port {hostPort}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const c of containersOf(pod.spec, pod.path)) {
        const ports = c.container.ports;
        if (!Array.isArray(ports)) continue;
        for (let i = 0; i < ports.length; i++) {
          const port: unknown = ports[i];
          if (!isRecord(port)) continue;
          const hp = port.hostPort;
          if (hp === undefined || hp === null || hp === 0 || hp === '0') continue;
          yield {
            messageId: 'hostPort',
            path: `${c.path}.ports[${i}].hostPort`,
            data: { container: c.name, hostPort: shown(hp) },
          };
        }
      }
    }
  },
};
