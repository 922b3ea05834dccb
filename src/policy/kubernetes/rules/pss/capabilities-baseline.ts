import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'added';

/**
 * The capabilities the Baseline level lets a container add: the container runtimes' default set.
 * Compared exactly, as Pod Security admission does (`CAP_CHOWN` or `chown` are not on the list).
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The `capabilities.add` list of a container's security context; empty when absent or malformed. */
export function addedCapabilities(container: Readonly<Record<string, unknown>>): unknown[] {
  const caps = securityContextOf(container)?.capabilities;
  return isRecord(caps) && Array.isArray(caps.add) ? caps.add : [];
}

/** BW-K8S-004 (PSS Baseline "Capabilities"): containers add no capability beyond the default set. */
export const capabilitiesBaselineRule: K8sRule<MessageId> = {
  id: 'BW-K8S-004',
  severity: 'HIGH',
  title: 'Container adds a capability beyond the default set',
  description:
    'Capabilities beyond the runtime default set open known escapes and host attacks: SYS_ADMIN ' +
    '(mount, cgroups release_agent), SYS_PTRACE (read other processes), SYS_MODULE (load kernel ' +
    'modules), NET_ADMIN and NET_RAW (spoof and sniff the network), BPF, ALL. The Baseline Pod ' +
    'Security Standard allows capabilities.add to hold only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, ' +
    'FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.',
  remediation:
    'Remove the capability from securityContext.capabilities.add; if the program truly needs it, ' +
    'isolate the workload in a namespace with its own, documented exemption.',
  references: [PSS_BASELINE, 'KSV022', 'KSV005', 'KSV119', 'KSV120', 'C-0046', 'kubesec:CapSysAdmin'],
  profiles: ['baseline'],
  messages: {
    added: 'container "{container}" adds capability {capability}, which the Baseline level does not allow',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const c of containersOf(pod.spec, pod.path)) {
        const added = addedCapabilities(c.container);
        for (let i = 0; i < added.length; i++) {
          const cap = added[i];
          if (typeof cap === 'string' && BASELINE_CAPABILITIES.has(cap)) continue;
          yield {
            messageId: 'added',
            path: `${c.path}.securityContext.capabilities.add[${i}]`,
            data: { container: c.name, capability: shown(cap) },
          };
        }
      }
    }
  },
};
