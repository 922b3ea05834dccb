import { cpuResources } from './cpu-resources.ts';
import { cronJob, deployment, pod, runRuleCases } from './rule-cases.ts';

const sized = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };

runRuleCases(cpuResources, {
  valid: [
    {
      name: 'pod with CPU requests and limits',
      object: pod({ containers: [{ name: 'app', resources: sized }] }),
    },
    {
      name: 'init container sized too',
      object: deployment({
        initContainers: [{ name: 'migrate', resources: sized }],
        containers: [{ name: 'app', resources: sized }],
      }),
    },
    {
      name: 'ephemeral containers cannot set resources and are not checked',
      object: pod({
        containers: [{ name: 'app', resources: sized }],
        ephemeralContainers: [{ name: 'debug' }],
      }),
    },
    { name: 'not a workload', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } },
    { name: 'workload without pod spec', object: { apiVersion: 'apps/v1', kind: 'Deployment', spec: {} } },
  ],
  invalid: [
    {
      name: 'pod without resources',
      object: pod({ containers: [{ name: 'app', image: 'nginx:1.27' }] }),
      errors: [
        { messageId: 'cpuRequest', path: 'spec.containers[0].resources.requests.cpu' },
        { messageId: 'cpuLimit', path: 'spec.containers[0].resources.limits.cpu' },
      ],
    },
    {
      name: 'deployment with a limit but no request',
      object: deployment({ containers: [{ name: 'app', resources: { limits: { cpu: '1' } } }] }),
      errors: [{ messageId: 'cpuRequest', path: 'spec.template.spec.containers[0].resources.requests.cpu' }],
    },
    {
      name: 'cron job init container with an empty limit',
      object: cronJob({
        initContainers: [{ name: 'fetch', resources: { requests: { cpu: '50m' }, limits: { cpu: '' } } }],
        containers: [{ name: 'run', resources: sized }],
      }),
      errors: [
        {
          messageId: 'cpuLimit',
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].resources.limits.cpu',
        },
      ],
    },
    {
      name: 'memory set but CPU not, second container',
      object: pod({
        containers: [
          { name: 'app', resources: sized },
          { name: 'sidecar', resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } } },
        ],
      }),
      errors: [
        { messageId: 'cpuRequest', path: 'spec.containers[1].resources.requests.cpu' },
        { messageId: 'cpuLimit', path: 'spec.containers[1].resources.limits.cpu' },
      ],
    },
  ],
});
