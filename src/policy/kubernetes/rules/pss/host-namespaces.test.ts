import { hostNamespacesRule } from './host-namespaces.ts';
import { container, cronJob, deployment, pod, ruleCases } from './pss-cases.ts';

ruleCases(hostNamespacesRule, {
  valid: [
    { name: 'nothing set', object: pod({ containers: [container()] }) },
    {
      name: 'all false',
      object: pod({ hostNetwork: false, hostPID: false, hostIPC: false, containers: [container()] }),
    },
    {
      name: 'strings are not booleans (the API would refuse them)',
      object: pod({ hostNetwork: 'true', containers: [container()] }),
    },
  ],
  invalid: [
    {
      name: 'all three on a Pod',
      object: pod({ hostNetwork: true, hostPID: true, hostIPC: true, containers: [container()] }),
      violations: [
        { messageId: 'hostNetwork', path: 'spec.hostNetwork' },
        { messageId: 'hostPID', path: 'spec.hostPID' },
        { messageId: 'hostIPC', path: 'spec.hostIPC' },
      ],
    },
    {
      name: 'hostPID in a Deployment',
      object: deployment({ hostPID: true, containers: [container()] }),
      violations: [{ messageId: 'hostPID', path: 'spec.template.spec.hostPID' }],
    },
    {
      name: 'hostIPC in a CronJob',
      object: cronJob({ hostIPC: true, containers: [container()] }),
      violations: [{ messageId: 'hostIPC', path: 'spec.jobTemplate.spec.template.spec.hostIPC' }],
    },
  ],
});
