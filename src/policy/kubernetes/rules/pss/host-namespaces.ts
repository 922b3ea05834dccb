import type { K8sRule } from '../../k8s-rule.ts';
import { podSpecsOf } from '../../pod-specs.ts';
import { PSS_BASELINE } from './pss-common.ts';

type MessageId = 'hostNetwork' | 'hostPID' | 'hostIPC';

const FIELDS: readonly MessageId[] = ['hostNetwork', 'hostPID', 'hostIPC'];

/** BW-K8S-002 (PSS Baseline "Host Namespaces"): the pod shares none of the node's namespaces. */
export const hostNamespacesRule: K8sRule<MessageId> = {
  id: 'BW-K8S-002',
  severity: 'HIGH',
  title: "Pod shares the node's namespaces",
  description:
    "A pod in the node's network namespace sees every interface of the node and can reach services " +
    "bound to its loopback; in the node's PID namespace it sees (and, with enough privilege, " +
    "signals or ptraces) every process on the node and reads their environment; in the node's IPC " +
    'namespace it shares its shared memory. The Baseline Pod Security Standard allows ' +
    'spec.hostNetwork, spec.hostPID and spec.hostIPC only unset or false.',
  remediation:
    'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false). Expose ports ' +
    'through a Service instead of the host network.',
  references: [
    PSS_BASELINE,
    'KSV008',
    'KSV009',
    'KSV010',
    'C-0038',
    'C-0041',
    'kubesec:HostNetwork',
    'kubesec:HostPID',
    'kubesec:HostIPC',
  ],
  profiles: ['baseline'],
  messages: {
    hostNetwork: "the pod uses the node's network namespace (hostNetwork: true)",
    hostPID: "the pod uses the node's PID namespace (hostPID: true)",
    hostIPC: "the pod uses the node's IPC namespace (hostIPC: true)",
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const field of FIELDS) {
        if (pod.spec[field] === true) yield { messageId: field, path: `${pod.path}.${field}` };
      }
    }
  },
};
