import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';

type MessageId = 'nodePort' | 'loadBalancer' | 'externalIPs';

/** Annotations that make a cloud load balancer internal to the VPC (value to match, or any value). */
const INTERNAL_LB_ANNOTATIONS: Readonly<Record<string, string | undefined>> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': undefined,
  'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
  'networking.gke.io/load-balancer-type': 'Internal',
  'cloud.google.com/load-balancer-type': 'Internal',
  'service.beta.kubernetes.io/oci-load-balancer-internal': 'true',
};

function isInternalLoadBalancer(annotations: Readonly<Record<string, string>>): boolean {
  return Object.entries(INTERNAL_LB_ANNOTATIONS).some(([key, want]) => {
    const value = annotations[key];
    if (value === undefined) return false;
    return want === undefined ? value !== 'false' : value.toLowerCase() === want.toLowerCase();
  });
}

/** BW-K8S-113: Services reachable from outside the cluster are deliberate. */
export const serviceExposure: K8sRule<MessageId> = {
  id: 'BW-K8S-113',
  severity: 'LOW',
  title: 'Service exposed outside the cluster',
  description:
    'A NodePort Service opens a port on every node; a LoadBalancer Service usually gets a public address; ' +
    'externalIPs route any traffic for those addresses to the Service (and can be used to intercept other ' +
    'traffic, CVE-2020-8554). Each widens what an attacker can reach. Load balancers restricted by ' +
    'loadBalancerSourceRanges or marked internal by a cloud annotation are not reported.',
  remediation:
    'Use type ClusterIP behind an Ingress or Gateway with TLS and authentication, or restrict a ' +
    'LoadBalancer with loadBalancerSourceRanges or an internal load balancer annotation.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    'https://github.com/kubernetes/kubernetes/issues/97076',
    'KSV108',
    'C-0256',
  ],
  profiles: ['best-practice'],
  messages: {
    nodePort: 'Service "{service}" is of type NodePort and opens a port on every node',
    loadBalancer: 'Service "{service}" is of type LoadBalancer open to any source address',
    externalIPs: 'Service "{service}" sets externalIPs',
  },
  *check(obj) {
    if (obj.kind !== 'Service') return;
    const spec = obj.raw.spec;
    if (!isRecord(spec)) return;
    const service = obj.name ?? '';
    if (spec.type === 'NodePort') yield { messageId: 'nodePort', path: 'spec.type', data: { service } };
    if (spec.type === 'LoadBalancer') {
      const ranges = spec.loadBalancerSourceRanges;
      const restricted =
        Array.isArray(ranges) && ranges.length > 0 && !ranges.some((r) => r === '0.0.0.0/0' || r === '::/0');
      if (!restricted && !isInternalLoadBalancer(obj.annotations)) {
        yield { messageId: 'loadBalancer', path: 'spec.type', data: { service } };
      }
    }
    if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0) {
      yield { messageId: 'externalIPs', path: 'spec.externalIPs', data: { service } };
    }
  },
};
