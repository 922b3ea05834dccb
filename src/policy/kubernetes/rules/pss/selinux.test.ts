import { container, pod, ruleCases } from './pss-cases.ts';
import { seLinuxRule } from './selinux.ts';

const se = (opts: Record<string, unknown>) => ({ securityContext: { seLinuxOptions: opts } });

ruleCases(seLinuxRule, {
  valid: [
    { name: 'nothing set', object: pod({ containers: [container()] }) },
    { name: 'only a level', object: pod({ ...se({ level: 's0:c123,c456' }), containers: [container()] }) },
    {
      name: 'the container types',
      object: pod({
        ...se({ type: 'container_t' }),
        containers: [
          container(se({ type: 'container_init_t' })),
          container(se({ type: 'container_kvm_t' }), 'b'),
          container(se({ type: 'container_engine_t', user: '', role: '' }), 'c'),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'spc_t on the pod',
      object: pod({ ...se({ type: 'spc_t' }), containers: [container()] }),
      violations: [
        {
          messageId: 'podType',
          path: 'spec.securityContext.seLinuxOptions.type',
          data: { field: 'type', value: 'spc_t' },
        },
      ],
    },
    {
      name: 'user and role on the pod, type, user and role on a container',
      object: pod({
        ...se({ user: 'system_u', role: 'system_r' }),
        initContainers: [container(se({ type: 'unconfined_t', user: 'root', role: 'sysadm_r' }), 'init')],
      }),
      violations: [
        {
          messageId: 'podUserRole',
          path: 'spec.securityContext.seLinuxOptions.user',
          data: { field: 'user', value: 'system_u' },
        },
        {
          messageId: 'podUserRole',
          path: 'spec.securityContext.seLinuxOptions.role',
          data: { field: 'role', value: 'system_r' },
        },
        {
          messageId: 'containerType',
          path: 'spec.initContainers[0].securityContext.seLinuxOptions.type',
          data: { container: 'init', field: 'type', value: 'unconfined_t' },
        },
        {
          messageId: 'containerUserRole',
          path: 'spec.initContainers[0].securityContext.seLinuxOptions.user',
          data: { container: 'init', field: 'user', value: 'root' },
        },
        {
          messageId: 'containerUserRole',
          path: 'spec.initContainers[0].securityContext.seLinuxOptions.role',
          data: { container: 'init', field: 'role', value: 'sysadm_r' },
        },
      ],
    },
  ],
});
