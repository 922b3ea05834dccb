import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'procMount';

/**
 * BW-K8S-010 (PSS Baseline "/proc Mount Type"): containers keep the default /proc masks.
 *
 * Kubernetes 1.35 can relax this for pods in a user namespace (`hostUsers: false`), but only when
 * the cluster admin opts in (`UserNamespacesPodSecurityStandards`); without that opt-in, which a
 * manifest cannot show, the control applies to every pod, as here.
 */
export const procMountRule: K8sRule<MessageId> = {
  id: 'BW-K8S-010',
  severity: 'MEDIUM',
  title: 'Unmasked /proc',
  description:
    'The container runtime masks and makes read-only the parts of /proc that expose the host ' +
    '(/proc/kcore, /proc/sys, /proc/sysrq-trigger…). procMount: Unmasked removes those masks. ' +
    'The Baseline Pod Security Standard allows securityContext.procMount only unset or Default.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  references: [PSS_BASELINE, 'KSV027', 'C-0211'],
  profiles: ['baseline'],
  messages: {
    procMount: 'container "{container}" sets securityContext.procMount to {procMount}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const c of containersOf(pod.spec, pod.path)) {
        const pm = securityContextOf(c.container)?.procMount;
        if (pm === undefined || pm === null || pm === 'Default') continue;
        yield {
          messageId: 'procMount',
          path: `${c.path}.securityContext.procMount`,
          data: { container: c.name, procMount: shown(pm) },
        };
      }
    }
  },
};
