import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf } from '../../pod-specs.ts';
import { PSS_BASELINE } from './pss-common.ts';

type MessageId = 'probeHost' | 'lifecycleHost';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
/** `tcpSocket` is deprecated in lifecycle hooks but still accepted, so still checked. */
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

function hostOf(handlerOwner: unknown, handler: string): string | undefined {
  if (!isRecord(handlerOwner)) return undefined;
  const h = handlerOwner[handler];
  return isRecord(h) && typeof h.host === 'string' && h.host !== '' ? h.host : undefined;
}

/**
 * BW-K8S-007 (PSS Baseline "Host Probes / Lifecycle Hooks", Kubernetes 1.34+): probes and
 * lifecycle hooks do not name a host.
 */
export const hostProbesRule: K8sRule<MessageId> = {
  id: 'BW-K8S-007',
  severity: 'MEDIUM',
  title: 'Probe or lifecycle hook targets a host',
  description:
    'The kubelet runs httpGet and tcpSocket probes and lifecycle hooks from the node. With a host ' +
    'field set, any pod author can make the kubelet connect to an address of their choosing, ' +
    'reaching services only the node can reach (a server-side request forgery). Since Kubernetes ' +
    '1.34 the Baseline Pod Security Standard allows the host field of probes and lifecycle hooks ' +
    'only unset or empty.',
  remediation:
    "Remove the host field: the probe then targets the pod's own IP. To check another service, " +
    'use an exec probe or a readiness gate.',
  references: [PSS_BASELINE],
  profiles: ['baseline'],
  messages: {
    probeHost: 'container "{container}" {field} targets host {host}',
    lifecycleHost: 'container "{container}" lifecycle hook {field} targets host {host}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const c of containersOf(pod.spec, pod.path)) {
        for (const probe of PROBES) {
          for (const handler of HANDLERS) {
            const host = hostOf(c.container[probe], handler);
            if (host === undefined) continue;
            const field = `${probe}.${handler}.host`;
            yield {
              messageId: 'probeHost',
              path: `${c.path}.${field}`,
              data: { container: c.name, field, host },
            };
          }
        }
        const lifecycle = c.container.lifecycle;
        if (!isRecord(lifecycle)) continue;
        for (const hook of HOOKS) {
          for (const handler of HANDLERS) {
            const host = hostOf(lifecycle[hook], handler);
            if (host === undefined) continue;
            const field = `lifecycle.${hook}.${handler}.host`;
            yield {
              messageId: 'lifecycleHost',
              path: `${c.path}.${field}`,
              data: { container: c.name, field: `${hook}.${handler}.host`, host },
            };
          }
        }
      }
    }
  },
};
