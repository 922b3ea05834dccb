import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'sysctl';

/**
 * The "safe" sysctls the Baseline level allows: namespaced to the pod and isolated from other
 * pods. The list grew with Kubernetes (1.27: ip_local_reserved_ports; 1.29: the tcp_keepalive_*
 * and tcp_fin_timeout; 1.32: tcp_rmem, tcp_wmem); this is the current one.
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** BW-K8S-012 (PSS Baseline "Sysctls"): only the safe sysctls are set. */
export const sysctlsRule: K8sRule<MessageId> = {
  id: 'BW-K8S-012',
  severity: 'MEDIUM',
  title: 'Unsafe sysctl',
  description:
    'Sysctls outside the safe set are either not namespaced (they change the whole node) or not ' +
    'isolated (they let one pod starve or disturb the others), and some disable kernel protections. ' +
    'The Baseline Pod Security Standard allows spec.securityContext.sysctls to name only ' +
    'kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, ' +
    'net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, ' +
    'net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, ' +
    'net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem and net.ipv4.tcp_wmem.',
  remediation:
    'Remove the sysctl from the pod; a node-wide setting belongs in the node configuration, not in ' +
    'a workload.',
  references: [PSS_BASELINE, 'KSV026', 'C-0211'],
  profiles: ['baseline'],
  messages: {
    sysctl: 'the pod sets sysctl {sysctl}, which is not in the safe set',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      const sysctls = securityContextOf(pod.spec)?.sysctls;
      if (!Array.isArray(sysctls)) continue;
      for (let i = 0; i < sysctls.length; i++) {
        const entry: unknown = sysctls[i];
        const name = isRecord(entry) ? entry.name : undefined;
        if (typeof name === 'string' && SAFE_SYSCTLS.has(name)) continue;
        yield {
          messageId: 'sysctl',
          path: `${pod.path}.securityContext.sysctls[${i}].name`,
          data: { sysctl: name === undefined ? '(no name)' : shown(name) },
        };
      }
    }
  },
};
