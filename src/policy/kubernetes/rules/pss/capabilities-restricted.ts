import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { addedCapabilities, BASELINE_CAPABILITIES } from './capabilities-baseline.ts';
import { isWindowsPod, PSS_RESTRICTED } from './pss-common.ts';

type MessageId = 'dropAll' | 'added';

/**
 * BW-K8S-018 (PSS Restricted "Capabilities"): every container drops ALL and adds back at most
 * NET_BIND_SERVICE. Added capabilities outside the default set are BW-K8S-004's (Baseline, which
 * runs with the Restricted profile too); this rule reports the default-set ones Restricted forbids.
 */
export const capabilitiesRestrictedRule: K8sRule<MessageId> = {
  id: 'BW-K8S-018',
  severity: 'LOW',
  title: 'Capabilities not dropped',
  description:
    "Even the runtime's default capabilities give root in a container more than most programs " +
    'need: CHOWN, DAC_OVERRIDE and FOWNER bypass file permissions, SETUID/SETGID change identity, ' +
    'MKNOD creates devices. The Restricted Pod Security Standard requires capabilities.drop to ' +
    'include ALL and capabilities.add to hold at most NET_BIND_SERVICE, on every container (Linux ' +
    'pods only: pods with spec.os.name: windows are exempt).',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container and add back only ' +
    'NET_BIND_SERVICE if the program binds a port below 1024.',
  references: [PSS_RESTRICTED, 'KSV003', 'KSV106', 'kubesec:CapDropAll'],
  profiles: ['restricted'],
  messages: {
    dropAll: 'container "{container}" does not drop ALL capabilities',
    added:
      'container "{container}" adds capability {capability}; the Restricted level allows only NET_BIND_SERVICE',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      if (isWindowsPod(pod.spec)) continue;
      for (const c of containersOf(pod.spec, pod.path)) {
        const caps = securityContextOf(c.container)?.capabilities;
        const drop = isRecord(caps) && Array.isArray(caps.drop) ? caps.drop : [];
        if (!drop.includes('ALL')) {
          yield {
            messageId: 'dropAll',
            path: `${c.path}.securityContext.capabilities.drop`,
            data: { container: c.name },
          };
        }
        const added = addedCapabilities(c.container);
        for (let i = 0; i < added.length; i++) {
          const cap = added[i];
          if (typeof cap !== 'string' || cap === 'NET_BIND_SERVICE' || !BASELINE_CAPABILITIES.has(cap))
            continue;
          yield {
            messageId: 'added',
            path: `${c.path}.securityContext.capabilities.add[${i}]`,
            data: { container: c.name, capability: cap },
          };
        }
      }
    }
  },
};
