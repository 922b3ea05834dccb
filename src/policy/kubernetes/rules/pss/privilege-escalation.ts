import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { isWindowsPod, PSS_RESTRICTED } from './pss-common.ts';

type MessageId = 'allowed' | 'notSet';

/** BW-K8S-014 (PSS Restricted "Privilege Escalation"): every container sets allowPrivilegeEscalation: false. */
export const privilegeEscalationRule: K8sRule<MessageId> = {
  id: 'BW-K8S-014',
  severity: 'MEDIUM',
  title: 'Privilege escalation allowed',
  description:
    'Unless allowPrivilegeEscalation is false, the kernel lets a process gain privileges through ' +
    'set-user-ID and set-group-ID programs and file capabilities (the no_new_privs flag is not set), ' +
    'so a foothold as an unprivileged user can become root in the container. The Restricted Pod ' +
    'Security Standard requires securityContext.allowPrivilegeEscalation: false on every container ' +
    '(Linux pods only: pods with spec.os.name: windows are exempt).',
  remediation:
    'Set securityContext.allowPrivilegeEscalation: false on every container, init and ephemeral container.',
  references: [PSS_RESTRICTED, 'KSV001', 'C-0016', 'kubesec:AllowPrivilegeEscalation'],
  profiles: ['restricted'],
  messages: {
    allowed: 'container "{container}" sets allowPrivilegeEscalation: true',
    notSet: 'container "{container}" does not set allowPrivilegeEscalation: false',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      if (isWindowsPod(pod.spec)) continue;
      for (const c of containersOf(pod.spec, pod.path)) {
        const value = securityContextOf(c.container)?.allowPrivilegeEscalation;
        if (value === false) continue;
        yield {
          messageId: value === true ? 'allowed' : 'notSet',
          path: `${c.path}.securityContext.allowPrivilegeEscalation`,
          data: { container: c.name },
        };
      }
    }
  },
};
