import { hostProcessRule } from './host-process.ts';
import { container, cronJob, deployment, pod, ruleCases } from './pss-cases.ts';

const windows = (hostProcess: unknown) => ({ securityContext: { windowsOptions: { hostProcess } } });

ruleCases(hostProcessRule, {
  valid: [
    { name: 'no windowsOptions', object: pod({ containers: [container()] }) },
    {
      name: 'hostProcess false on pod and container',
      object: pod({ ...windows(false), containers: [container(windows(false))] }),
    },
    {
      name: 'windowsOptions without hostProcess',
      object: pod({
        containers: [container({ securityContext: { windowsOptions: { runAsUserName: 'app' } } })],
      }),
    },
    {
      name: 'a Service has no pod spec',
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { securityContext: { windowsOptions: { hostProcess: true } } },
      },
    },
  ],
  invalid: [
    {
      name: 'pod-level hostProcess',
      object: pod({ ...windows(true), hostNetwork: true, containers: [container()] }),
      violations: [{ messageId: 'pod', path: 'spec.securityContext.windowsOptions.hostProcess' }],
    },
    {
      name: 'container, init and ephemeral containers in a Deployment',
      object: deployment({
        containers: [container(), container(windows(true), 'main')],
        initContainers: [container(windows(true), 'init')],
        ephemeralContainers: [container(windows(true), 'debug')],
      }),
      violations: [
        {
          messageId: 'container',
          path: 'spec.template.spec.containers[1].securityContext.windowsOptions.hostProcess',
          data: { container: 'main' },
        },
        {
          messageId: 'container',
          path: 'spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess',
          data: { container: 'init' },
        },
        {
          messageId: 'container',
          path: 'spec.template.spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess',
          data: { container: 'debug' },
        },
      ],
    },
    {
      name: 'CronJob',
      object: cronJob({ containers: [container(windows(true))] }),
      violations: [
        {
          messageId: 'container',
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess',
        },
      ],
    },
  ],
});
