import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'podType' | 'containerType' | 'podUserRole' | 'containerUserRole';

/** SELinux types the Baseline level allows (`container_engine_t` since Kubernetes 1.31). */
const ALLOWED_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

interface SeLinuxProblem {
  readonly field: 'type' | 'user' | 'role';
  readonly value: string;
}

function problems(sc: Readonly<Record<string, unknown>> | undefined): SeLinuxProblem[] {
  const opts = sc?.seLinuxOptions;
  if (!isRecord(opts)) return [];
  const out: SeLinuxProblem[] = [];
  const type = opts.type;
  if (type !== undefined && type !== null && !(typeof type === 'string' && ALLOWED_TYPES.has(type))) {
    out.push({ field: 'type', value: shown(type) });
  }
  for (const field of ['user', 'role'] as const) {
    const v = opts[field];
    if (v !== undefined && v !== null && v !== '') out.push({ field, value: shown(v) });
  }
  return out;
}

/** BW-K8S-009 (PSS Baseline "SELinux"): no custom SELinux type, user or role. */
export const seLinuxRule: K8sRule<MessageId> = {
  id: 'BW-K8S-009',
  severity: 'MEDIUM',
  title: 'Custom SELinux options',
  description:
    'An SELinux type other than the container ones (spc_t, unconfined_t…) lifts the confinement ' +
    'that keeps a container away from host files and other containers; a custom user or role ' +
    'changes what the process may become. The Baseline Pod Security Standard allows ' +
    'seLinuxOptions.type only unset, empty, container_t, container_init_t, container_kvm_t or ' +
    'container_engine_t, and seLinuxOptions.user and .role only unset or empty (pod and containers). ' +
    'The level (MCS categories) is not restricted.',
  remediation:
    'Remove seLinuxOptions.type, .user and .role (keep .level if you need fixed categories), or ' +
    'use one of the container types.',
  references: [PSS_BASELINE, 'KSV025'],
  profiles: ['baseline'],
  messages: {
    podType: 'the pod sets SELinux type {value}',
    containerType: 'container "{container}" sets SELinux type {value}',
    podUserRole: 'the pod sets SELinux {field} {value}',
    containerUserRole: 'container "{container}" sets SELinux {field} {value}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const p of problems(securityContextOf(pod.spec))) {
        yield {
          messageId: p.field === 'type' ? 'podType' : 'podUserRole',
          path: `${pod.path}.securityContext.seLinuxOptions.${p.field}`,
          data: { field: p.field, value: p.value },
        };
      }
      for (const c of containersOf(pod.spec, pod.path)) {
        for (const p of problems(securityContextOf(c.container))) {
          yield {
            messageId: p.field === 'type' ? 'containerType' : 'containerUserRole',
            path: `${c.path}.securityContext.seLinuxOptions.${p.field}`,
            data: { container: c.name, field: p.field, value: p.value },
          };
        }
      }
    }
  },
};
