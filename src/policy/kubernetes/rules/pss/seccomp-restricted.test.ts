import { container, deployment, pod, ruleCases } from './pss-cases.ts';
import { seccompRestrictedRule } from './seccomp-restricted.ts';

const seccomp = (type: string) => ({ securityContext: { seccompProfile: { type } } });

ruleCases(seccompRestrictedRule, {
  valid: [
    {
      name: 'RuntimeDefault on the pod',
      object: pod({ ...seccomp('RuntimeDefault'), containers: [container(), container({}, 'b')] }),
    },
    {
      name: 'set on every container',
      object: pod({
        containers: [container(seccomp('RuntimeDefault'))],
        initContainers: [container(seccomp('Localhost'), 'i')],
      }),
    },
    {
      name: "Unconfined is BW-K8S-011's to report",
      object: pod({ containers: [container(seccomp('Unconfined'))] }),
    },
    { name: 'a Windows pod is exempt', object: pod({ os: { name: 'windows' }, containers: [container()] }) },
  ],
  invalid: [
    {
      name: 'nothing set',
      object: pod({ containers: [container()] }),
      violations: [
        {
          messageId: 'notSet',
          path: 'spec.containers[0].securityContext.seccompProfile.type',
          data: { container: 'app' },
        },
      ],
    },
    {
      name: 'one container of two has a profile',
      object: deployment({
        containers: [
          container(seccomp('RuntimeDefault')),
          container({ securityContext: { runAsNonRoot: true } }, 'b'),
        ],
      }),
      violations: [
        {
          messageId: 'notSet',
          path: 'spec.template.spec.containers[1].securityContext.seccompProfile.type',
          data: { container: 'b' },
        },
      ],
    },
  ],
});
