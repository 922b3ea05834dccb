import { runRuleCases } from './rule-cases.ts';
import { serviceExposure } from './service-exposure.ts';

const service = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', annotations },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});

runRuleCases(serviceExposure, {
  valid: [
    { name: 'ClusterIP', object: service({ type: 'ClusterIP' }) },
    { name: 'type defaults to ClusterIP', object: service({}) },
    { name: 'headless', object: service({ clusterIP: 'None' }) },
    {
      name: 'load balancer with source ranges',
      object: service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] }),
    },
    {
      name: 'internal load balancer',
      object: service({ type: 'LoadBalancer' }, { 'networking.gke.io/load-balancer-type': 'Internal' }),
    },
    {
      name: 'AWS internal load balancer',
      object: service(
        { type: 'LoadBalancer' },
        { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
      ),
    },
    {
      name: 'not a Service',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { type: 'NodePort' } },
    },
  ],
  invalid: [
    {
      name: 'NodePort',
      object: service({ type: 'NodePort' }),
      errors: [{ messageId: 'nodePort', path: 'spec.type' }],
    },
    {
      name: 'public load balancer',
      object: service({ type: 'LoadBalancer' }),
      errors: [{ messageId: 'loadBalancer', path: 'spec.type' }],
    },
    {
      name: 'source range that allows everyone, and external IPs',
      object: service({
        type: 'LoadBalancer',
        loadBalancerSourceRanges: ['0.0.0.0/0'],
        externalIPs: ['203.0.113.7'],
      }),
      errors: [
        { messageId: 'loadBalancer', path: 'spec.type' },
        { messageId: 'externalIPs', path: 'spec.externalIPs' },
      ],
    },
    {
      name: 'internal annotation switched off',
      object: service(
        { type: 'LoadBalancer' },
        { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'false' },
      ),
      errors: [{ messageId: 'loadBalancer', path: 'spec.type' }],
    },
  ],
});
