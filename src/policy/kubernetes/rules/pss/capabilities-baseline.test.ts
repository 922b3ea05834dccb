import { capabilitiesBaselineRule } from './capabilities-baseline.ts';
import { container, deployment, pod, ruleCases } from './pss-cases.ts';

const add = (...caps: unknown[]) => ({ securityContext: { capabilities: { add: caps } } });

ruleCases(capabilitiesBaselineRule, {
  valid: [
    { name: 'no capabilities', object: pod({ containers: [container()] }) },
    {
      name: 'every capability of the default set',
      object: pod({
        containers: [
          container(
            add(
              'AUDIT_WRITE',
              'CHOWN',
              'DAC_OVERRIDE',
              'FOWNER',
              'FSETID',
              'KILL',
              'MKNOD',
              'NET_BIND_SERVICE',
              'SETFCAP',
              'SETGID',
              'SETPCAP',
              'SETUID',
              'SYS_CHROOT',
            ),
          ),
        ],
      }),
    },
    {
      name: 'dropping is always fine',
      object: pod({
        containers: [container({ securityContext: { capabilities: { drop: ['ALL', 'SYS_ADMIN'] } } })],
      }),
    },
    { name: 'empty add list', object: pod({ containers: [container(add())] }) },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN next to an allowed one',
      object: pod({ containers: [container(add('CHOWN', 'SYS_ADMIN'))] }),
      violations: [
        {
          messageId: 'added',
          path: 'spec.containers[0].securityContext.capabilities.add[1]',
          data: { container: 'app', capability: 'SYS_ADMIN' },
        },
      ],
    },
    {
      name: 'NET_RAW, ALL and a CAP_-prefixed name (compared exactly, like Pod Security admission)',
      object: deployment({ initContainers: [container(add('NET_RAW', 'ALL', 'CAP_CHOWN'), 'init')] }),
      violations: [
        {
          messageId: 'added',
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]',
          data: { container: 'init', capability: 'NET_RAW' },
        },
        {
          messageId: 'added',
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[1]',
          data: { container: 'init', capability: 'ALL' },
        },
        {
          messageId: 'added',
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[2]',
          data: { container: 'init', capability: 'CAP_CHOWN' },
        },
      ],
    },
    {
      name: 'lower case is not the same name',
      object: pod({ ephemeralContainers: [container(add('sys_ptrace'), 'dbg')] }),
      violations: [
        {
          messageId: 'added',
          path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]',
          data: { container: 'dbg', capability: 'sys_ptrace' },
        },
      ],
    },
  ],
});
