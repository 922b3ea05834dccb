import { hostPortsRule } from './host-ports.ts';
import { container, deployment, pod, ruleCases } from './pss-cases.ts';

ruleCases(hostPortsRule, {
  valid: [
    {
      name: 'container ports only',
      object: pod({
        containers: [container({ ports: [{ containerPort: 80 }, { containerPort: 443, protocol: 'TCP' }] })],
      }),
    },
    {
      name: 'hostPort 0 means none',
      object: pod({ containers: [container({ ports: [{ containerPort: 80, hostPort: 0 }] })] }),
    },
  ],
  invalid: [
    {
      name: 'a host port on the second port',
      object: pod({
        containers: [container({ ports: [{ containerPort: 80 }, { containerPort: 8080, hostPort: 8080 }] })],
      }),
      violations: [
        {
          messageId: 'hostPort',
          path: 'spec.containers[0].ports[1].hostPort',
          data: { container: 'app', hostPort: '8080' },
        },
      ],
    },
    {
      name: 'init containers too',
      object: deployment({
        containers: [container()],
        initContainers: [container({ ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }] }, 'dns')],
      }),
      violations: [
        {
          messageId: 'hostPort',
          path: 'spec.template.spec.initContainers[0].ports[0].hostPort',
          data: { container: 'dns', hostPort: '53' },
        },
      ],
    },
  ],
});
