import { container, deployment, pod, ruleCases } from './pss-cases.ts';
import { seccompBaselineRule } from './seccomp-baseline.ts';

const seccomp = (type: unknown) => ({ securityContext: { seccompProfile: { type } } });

ruleCases(seccompBaselineRule, {
  valid: [
    { name: 'unset (Restricted asks for it, Baseline does not)', object: pod({ containers: [container()] }) },
    {
      name: 'RuntimeDefault and Localhost',
      object: pod({
        ...seccomp('RuntimeDefault'),
        containers: [
          container({
            securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } },
          }),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'Unconfined on the pod',
      object: pod({ ...seccomp('Unconfined'), containers: [container()] }),
      violations: [
        { messageId: 'pod', path: 'spec.securityContext.seccompProfile.type', data: { type: 'Unconfined' } },
      ],
    },
    {
      name: 'Unconfined on an ephemeral container, a profile without a type on another',
      object: deployment({
        ...seccomp('RuntimeDefault'),
        containers: [container({ securityContext: { seccompProfile: {} } })],
        ephemeralContainers: [container(seccomp('Unconfined'), 'dbg')],
      }),
      violations: [
        {
          messageId: 'container',
          path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type',
          data: { container: 'app', type: '(none)' },
        },
        {
          messageId: 'container',
          path: 'spec.template.spec.ephemeralContainers[0].securityContext.seccompProfile.type',
          data: { container: 'dbg', type: 'Unconfined' },
        },
      ],
    },
  ],
});
