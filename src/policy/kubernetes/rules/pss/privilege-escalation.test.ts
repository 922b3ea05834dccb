import { privilegeEscalationRule } from './privilege-escalation.ts';
import { container, cronJob, pod, ruleCases } from './pss-cases.ts';

const ape = (allowPrivilegeEscalation: unknown) => ({ securityContext: { allowPrivilegeEscalation } });

ruleCases(privilegeEscalationRule, {
  valid: [
    {
      name: 'false everywhere',
      object: pod({ containers: [container(ape(false))], initContainers: [container(ape(false), 'i')] }),
    },
    { name: 'a Windows pod is exempt', object: pod({ os: { name: 'windows' }, containers: [container()] }) },
    { name: 'a pod without containers', object: pod({ containers: [] }) },
  ],
  invalid: [
    {
      name: 'unset and true',
      object: pod({ containers: [container(), container(ape(true), 'b')] }),
      violations: [
        {
          messageId: 'notSet',
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          data: { container: 'app' },
        },
        {
          messageId: 'allowed',
          path: 'spec.containers[1].securityContext.allowPrivilegeEscalation',
          data: { container: 'b' },
        },
      ],
    },
    {
      name: 'a Linux pod (os.name: linux) in a CronJob',
      object: cronJob({
        os: { name: 'linux' },
        containers: [container(ape(false))],
        ephemeralContainers: [container({}, 'dbg')],
      }),
      violations: [
        {
          messageId: 'notSet',
          path: 'spec.jobTemplate.spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
        },
      ],
    },
  ],
});
