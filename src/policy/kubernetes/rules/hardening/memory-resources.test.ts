import { memoryResources } from './memory-resources.ts';
import { deployment, pod, runRuleCases } from './rule-cases.ts';

const sized = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };

runRuleCases(memoryResources, {
  valid: [
    {
      name: 'pod with memory requests and limits',
      object: pod({ containers: [{ name: 'app', resources: sized }] }),
    },
    {
      name: 'statefulset sized',
      object: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: { template: { spec: { containers: [{ name: 'db', resources: sized }] } } },
      },
    },
  ],
  invalid: [
    {
      name: 'pod without resources',
      object: pod({ containers: [{ name: 'app' }] }),
      errors: [
        { messageId: 'memoryRequest', path: 'spec.containers[0].resources.requests.memory' },
        { messageId: 'memoryLimit', path: 'spec.containers[0].resources.limits.memory' },
      ],
    },
    {
      name: 'request without limit',
      object: deployment({ containers: [{ name: 'app', resources: { requests: { memory: '64Mi' } } }] }),
      errors: [
        { messageId: 'memoryLimit', path: 'spec.template.spec.containers[0].resources.limits.memory' },
      ],
    },
    {
      name: 'null limit, init container',
      object: {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          template: {
            spec: {
              initContainers: [
                { name: 'setup', resources: { requests: { memory: '1Mi' }, limits: { memory: null } } },
              ],
              containers: [{ name: 'agent', resources: sized }],
            },
          },
        },
      },
      errors: [
        { messageId: 'memoryLimit', path: 'spec.template.spec.initContainers[0].resources.limits.memory' },
      ],
    },
  ],
});
