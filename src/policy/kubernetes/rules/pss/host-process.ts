import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE } from './pss-common.ts';

type MessageId = 'pod' | 'container';

function hostProcess(sc: Readonly<Record<string, unknown>> | undefined): boolean {
  return isRecord(sc?.windowsOptions) && sc.windowsOptions.hostProcess === true;
}

/** BW-K8S-001 (PSS Baseline "HostProcess"): no Windows HostProcess pods or containers. */
export const hostProcessRule: K8sRule<MessageId> = {
  id: 'BW-K8S-001',
  severity: 'CRITICAL',
  title: 'Windows HostProcess container',
  description:
    'A Windows HostProcess container runs as a process on the node itself, outside any container ' +
    'isolation, with the access of the host: it is to Windows what a privileged container is to ' +
    'Linux. The Baseline Pod Security Standard allows securityContext.windowsOptions.hostProcess ' +
    'only unset or false, on the pod and on every container.',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and its ' +
    'containers; run node agents that truly need the host in a namespace exempted from the policy.',
  references: [PSS_BASELINE, 'KSV103', 'C-0211'],
  profiles: ['baseline'],
  messages: {
    pod: 'the pod sets securityContext.windowsOptions.hostProcess: true',
    container: 'container "{container}" sets securityContext.windowsOptions.hostProcess: true',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      if (hostProcess(securityContextOf(pod.spec))) {
        yield { messageId: 'pod', path: `${pod.path}.securityContext.windowsOptions.hostProcess` };
      }
      for (const c of containersOf(pod.spec, pod.path)) {
        if (hostProcess(securityContextOf(c.container))) {
          yield {
            messageId: 'container',
            path: `${c.path}.securityContext.windowsOptions.hostProcess`,
            data: { container: c.name },
          };
        }
      }
    }
  },
};
