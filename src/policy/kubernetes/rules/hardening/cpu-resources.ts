import type { K8sRule } from '../../k8s-rule.ts';
import { missingResources } from './container-resources.ts';

type MessageId = 'cpuRequest' | 'cpuLimit';

/** BW-K8S-101: every container states how much CPU it needs and may use. */
export const cpuResources: K8sRule<MessageId> = {
  id: 'BW-K8S-101',
  severity: 'LOW',
  title: 'CPU request or limit not set',
  description:
    'A container without a CPU request is scheduled as if it needed no CPU and is the first to be starved; ' +
    'without a CPU limit one busy or compromised container can take the CPU of everything else on the node.',
  remediation:
    'Set resources.requests.cpu and resources.limits.cpu on every container and init container ' +
    '(or give the namespace a LimitRange with defaults).',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'KSV011',
    'KSV015',
    'C-0050',
    'C-0268',
    'C-0270',
    'kubesec:LimitsCPU',
    'kubesec:RequestsCPU',
  ],
  profiles: ['best-practice'],
  messages: {
    cpuRequest: 'container "{container}" sets no CPU request (resources.requests.cpu)',
    cpuLimit: 'container "{container}" sets no CPU limit (resources.limits.cpu)',
  },
  *check(obj) {
    for (const m of missingResources(obj, 'cpu')) {
      yield {
        messageId: m.missing === 'requests' ? 'cpuRequest' : 'cpuLimit',
        path: m.path,
        data: { container: m.container.name },
      };
    }
  },
};
