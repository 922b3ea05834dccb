import { privilegedRule } from './privileged.ts';
import { container, cronJob, deployment, pod, ruleCases } from './pss-cases.ts';

const priv = (privileged: unknown) => ({ securityContext: { privileged } });

ruleCases(privilegedRule, {
  valid: [
    { name: 'no securityContext', object: pod({ containers: [container()] }) },
    { name: 'privileged: false', object: pod({ containers: [container(priv(false))] }) },
    {
      name: 'securityContext not a mapping',
      object: pod({ containers: [container({ securityContext: 'x' })] }),
    },
    {
      name: 'privileged on the pod spec is not a field',
      object: pod({ privileged: true, containers: [container()] }),
    },
  ],
  invalid: [
    {
      name: 'a privileged container',
      object: pod({ containers: [container(), container(priv(true), 'root')] }),
      violations: [
        {
          messageId: 'privileged',
          path: 'spec.containers[1].securityContext.privileged',
          data: { container: 'root' },
        },
      ],
    },
    {
      name: 'init and ephemeral containers count too',
      object: deployment({
        containers: [container()],
        initContainers: [container(priv(true), 'i')],
        ephemeralContainers: [container(priv(true), 'e')],
      }),
      violations: [
        { messageId: 'privileged', path: 'spec.template.spec.initContainers[0].securityContext.privileged' },
        {
          messageId: 'privileged',
          path: 'spec.template.spec.ephemeralContainers[0].securityContext.privileged',
        },
      ],
    },
    {
      name: 'a container without a name gets a label',
      object: cronJob({ containers: [{ image: 'x', securityContext: { privileged: true } }] }),
      violations: [
        {
          messageId: 'privileged',
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
          data: { container: 'containers[0]' },
        },
      ],
    },
  ],
});
