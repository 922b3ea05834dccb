import type { K8sRule } from '../../k8s-rule.ts';
import { missingResources } from './container-resources.ts';

type MessageId = 'memoryRequest' | 'memoryLimit';

/** BW-K8S-102: every container states how much memory it needs and may use. */
export const memoryResources: K8sRule<MessageId> = {
  id: 'BW-K8S-102',
  // Higher than CPU: memory cannot be throttled, so a container without a limit can push the whole
  // node into memory pressure and get its neighbours evicted or OOM-killed.
  severity: 'MEDIUM',
  title: 'Memory request or limit not set',
  description:
    'A container without a memory limit can use all the memory of its node; the kernel then kills ' +
    'processes of other pods and the kubelet evicts them. Without a request the scheduler places the ' +
    'pod as if it needed none.',
  remediation:
    'Set resources.requests.memory and resources.limits.memory on every container and init container ' +
    '(or give the namespace a LimitRange with defaults).',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'KSV016',
    'KSV018',
    'C-0004',
    'C-0269',
    'C-0271',
    'kubesec:LimitsMemory',
    'kubesec:RequestsMemory',
  ],
  profiles: ['best-practice'],
  messages: {
    memoryRequest: 'container "{container}" sets no memory request (resources.requests.memory)',
    memoryLimit: 'container "{container}" sets no memory limit (resources.limits.memory)',
  },
  *check(obj) {
    for (const m of missingResources(obj, 'memory')) {
      yield {
        messageId: m.missing === 'requests' ? 'memoryRequest' : 'memoryLimit',
        path: m.path,
        data: { container: m.container.name },
      };
    }
  },
};
