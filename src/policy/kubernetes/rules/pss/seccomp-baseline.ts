import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'pod' | 'container';

export const ALLOWED_SECCOMP_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** The type of a set seccompProfile that is not allowed, or undefined when unset or allowed. */
export function badSeccompType(sc: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const profile = sc?.seccompProfile;
  if (profile === undefined || profile === null) return undefined;
  const type = isRecord(profile) ? profile.type : undefined;
  if (typeof type === 'string' && ALLOWED_SECCOMP_TYPES.has(type)) return undefined;
  return type === undefined ? '(none)' : shown(type);
}

/** BW-K8S-011 (PSS Baseline "Seccomp"): seccomp is not disabled (no Unconfined profile). */
export const seccompBaselineRule: K8sRule<MessageId> = {
  id: 'BW-K8S-011',
  severity: 'MEDIUM',
  title: 'Seccomp disabled',
  description:
    'An Unconfined seccomp profile gives the container every system call of the kernel, including ' +
    'the rarely used ones behind most kernel escapes (unshare, keyctl, bpf…). The Baseline Pod ' +
    'Security Standard allows securityContext.seccompProfile.type only unset, RuntimeDefault or ' +
    'Localhost, on the pod and every container.',
  remediation:
    'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile on the ' +
    'nodes) instead of Unconfined.',
  references: [PSS_BASELINE, 'KSV104', 'kubesec:SeccompUnconfined'],
  profiles: ['baseline'],
  messages: {
    pod: 'the pod sets securityContext.seccompProfile.type to {type}',
    container: 'container "{container}" sets securityContext.seccompProfile.type to {type}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      const podType = badSeccompType(securityContextOf(pod.spec));
      if (podType !== undefined) {
        yield {
          messageId: 'pod',
          path: `${pod.path}.securityContext.seccompProfile.type`,
          data: { type: podType },
        };
      }
      for (const c of containersOf(pod.spec, pod.path)) {
        const type = badSeccompType(securityContextOf(c.container));
        if (type === undefined) continue;
        yield {
          messageId: 'container',
          path: `${c.path}.securityContext.seccompProfile.type`,
          data: { container: c.name, type },
        };
      }
    }
  },
};
