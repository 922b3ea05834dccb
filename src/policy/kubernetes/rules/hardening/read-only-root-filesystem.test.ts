import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { cronJob, deployment, pod, runRuleCases } from './rule-cases.ts';

const ro = { readOnlyRootFilesystem: true };

runRuleCases(readOnlyRootFilesystem, {
  valid: [
    { name: 'read-only', object: pod({ containers: [{ name: 'app', securityContext: ro }] }) },
    {
      name: 'every kind of container read-only',
      object: deployment({
        initContainers: [{ name: 'init', securityContext: ro }],
        containers: [{ name: 'app', securityContext: ro }],
      }),
    },
  ],
  invalid: [
    {
      name: 'not set',
      object: pod({ containers: [{ name: 'app' }] }),
      errors: [{ messageId: 'notSet', path: 'spec.containers[0].securityContext.readOnlyRootFilesystem' }],
    },
    {
      name: 'explicitly false',
      object: deployment({
        containers: [{ name: 'app', securityContext: { readOnlyRootFilesystem: false } }],
      }),
      errors: [
        {
          messageId: 'writable',
          path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
        },
      ],
    },
    {
      name: 'pod-level securityContext does not count (there is no such pod field)',
      object: pod({ securityContext: ro, containers: [{ name: 'app' }] }),
      errors: [{ messageId: 'notSet', path: 'spec.containers[0].securityContext.readOnlyRootFilesystem' }],
    },
    {
      name: 'string "true" is not true',
      object: cronJob({
        containers: [{ name: 'run', securityContext: { readOnlyRootFilesystem: 'true' } }],
      }),
      errors: [
        {
          messageId: 'notSet',
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
        },
      ],
    },
    {
      name: 'init and ephemeral containers',
      object: pod({
        initContainers: [{ name: 'init' }],
        containers: [{ name: 'app', securityContext: ro }],
        ephemeralContainers: [{ name: 'debug' }],
      }),
      errors: [
        { messageId: 'notSet', path: 'spec.initContainers[0].securityContext.readOnlyRootFilesystem' },
        { messageId: 'notSet', path: 'spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem' },
      ],
    },
  ],
});
