import { container, deployment, pod, ruleCases } from './pss-cases.ts';
import { SAFE_SYSCTLS, sysctlsRule } from './sysctls.ts';

const sysctls = (...names: unknown[]) => ({
  securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) },
});

ruleCases(sysctlsRule, {
  valid: [
    { name: 'none', object: pod({ containers: [container()] }) },
    { name: 'every safe sysctl', object: pod({ ...sysctls(...SAFE_SYSCTLS), containers: [container()] }) },
  ],
  invalid: [
    {
      name: 'unsafe ones between safe ones',
      object: deployment({
        ...sysctls('net.ipv4.tcp_syncookies', 'net.core.somaxconn', 'kernel.msgmax'),
        containers: [container()],
      }),
      violations: [
        {
          messageId: 'sysctl',
          path: 'spec.template.spec.securityContext.sysctls[1].name',
          data: { sysctl: 'net.core.somaxconn' },
        },
        {
          messageId: 'sysctl',
          path: 'spec.template.spec.securityContext.sysctls[2].name',
          data: { sysctl: 'kernel.msgmax' },
        },
      ],
    },
    {
      name: 'a sysctl without a name, and the slash spelling (not on the list)',
      object: pod({
        securityContext: { sysctls: [{ value: '1' }, { name: 'kernel/shm_rmid_forced', value: '1' }] },
        containers: [container()],
      }),
      violations: [
        { messageId: 'sysctl', path: 'spec.securityContext.sysctls[0].name', data: { sysctl: '(no name)' } },
        {
          messageId: 'sysctl',
          path: 'spec.securityContext.sysctls[1].name',
          data: { sysctl: 'kernel/shm_rmid_forced' },
        },
      ],
    },
  ],
});
