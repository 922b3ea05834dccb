import { container, cronJob, pod, ruleCases } from './pss-cases.ts';
import { runAsUserRule } from './run-as-user.ts';

const uid = (runAsUser: unknown) => ({ securityContext: { runAsUser } });

ruleCases(runAsUserRule, {
  valid: [
    { name: 'unset', object: pod({ containers: [container()] }) },
    {
      name: 'non-zero on pod and container',
      object: pod({ ...uid(1000), containers: [container(uid(10001))] }),
    },
  ],
  invalid: [
    {
      name: 'root on the pod',
      object: pod({ ...uid(0), containers: [container(uid(1000))] }),
      violations: [{ messageId: 'pod', path: 'spec.securityContext.runAsUser' }],
    },
    {
      name: 'root on an init container of a CronJob',
      object: cronJob({ ...uid(1000), containers: [container()], initContainers: [container(uid(0), 'i')] }),
      violations: [
        {
          messageId: 'container',
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.runAsUser',
          data: { container: 'i' },
        },
      ],
    },
  ],
});
