import { procMountRule } from './proc-mount.ts';
import { container, cronJob, pod, ruleCases } from './pss-cases.ts';

ruleCases(procMountRule, {
  valid: [
    { name: 'unset', object: pod({ containers: [container()] }) },
    {
      name: 'Default',
      object: pod({ containers: [container({ securityContext: { procMount: 'Default' } })] }),
    },
  ],
  invalid: [
    {
      name: 'Unmasked',
      object: pod({ containers: [container({ securityContext: { procMount: 'Unmasked' } })] }),
      violations: [
        {
          messageId: 'procMount',
          path: 'spec.containers[0].securityContext.procMount',
          data: { container: 'app', procMount: 'Unmasked' },
        },
      ],
    },
    {
      name: 'Unmasked in a user-namespace pod (the 1.35 relaxation needs an admin opt-in)',
      object: cronJob({
        hostUsers: false,
        containers: [container()],
        initContainers: [container({ securityContext: { procMount: 'Unmasked' } }, 'i')],
      }),
      violations: [
        {
          messageId: 'procMount',
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.procMount',
          data: { container: 'i', procMount: 'Unmasked' },
        },
      ],
    },
  ],
});
