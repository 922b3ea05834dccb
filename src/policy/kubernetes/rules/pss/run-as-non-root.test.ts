import { container, deployment, pod, ruleCases } from './pss-cases.ts';
import { runAsNonRootRule } from './run-as-non-root.ts';

const nonRoot = (runAsNonRoot: unknown) => ({ securityContext: { runAsNonRoot } });

ruleCases(runAsNonRootRule, {
  valid: [
    {
      name: 'set on the pod',
      object: pod({
        ...nonRoot(true),
        containers: [container(), container({}, 'b')],
        initContainers: [container({}, 'i')],
      }),
    },
    {
      name: 'set on every container',
      object: pod({
        containers: [container(nonRoot(true))],
        initContainers: [container(nonRoot(true), 'i')],
      }),
    },
  ],
  invalid: [
    {
      name: 'nothing set',
      object: pod({ containers: [container()] }),
      violations: [
        {
          messageId: 'notSet',
          path: 'spec.containers[0].securityContext.runAsNonRoot',
          data: { container: 'app' },
        },
      ],
    },
    {
      name: 'the pod says false, one container says true, another nothing',
      object: deployment({ ...nonRoot(false), containers: [container(nonRoot(true)), container({}, 'b')] }),
      violations: [
        { messageId: 'podFalse', path: 'spec.template.spec.securityContext.runAsNonRoot' },
        {
          messageId: 'notSet',
          path: 'spec.template.spec.containers[1].securityContext.runAsNonRoot',
          data: { container: 'b' },
        },
      ],
    },
    {
      name: 'a container overrides the pod with false',
      object: pod({
        ...nonRoot(true),
        containers: [container()],
        ephemeralContainers: [container(nonRoot(false), 'dbg')],
      }),
      violations: [
        {
          messageId: 'containerFalse',
          path: 'spec.ephemeralContainers[0].securityContext.runAsNonRoot',
          data: { container: 'dbg' },
        },
      ],
    },
    {
      name: 'runAsUser alone is not enough',
      object: pod({ securityContext: { runAsUser: 10001 }, containers: [container()] }),
      violations: [{ messageId: 'notSet', path: 'spec.containers[0].securityContext.runAsNonRoot' }],
    },
  ],
});
