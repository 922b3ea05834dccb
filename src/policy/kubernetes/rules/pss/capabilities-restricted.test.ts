import { capabilitiesRestrictedRule } from './capabilities-restricted.ts';
import { container, deployment, pod, ruleCases } from './pss-cases.ts';

const caps = (c: Record<string, unknown>) => ({ securityContext: { capabilities: c } });

ruleCases(capabilitiesRestrictedRule, {
  valid: [
    { name: 'drop ALL', object: pod({ containers: [container(caps({ drop: ['ALL'] }))] }) },
    {
      name: 'drop ALL, add NET_BIND_SERVICE',
      object: pod({ containers: [container(caps({ drop: ['NET_RAW', 'ALL'], add: ['NET_BIND_SERVICE'] }))] }),
    },
    {
      name: "SYS_ADMIN is BW-K8S-004's to report",
      object: pod({ containers: [container(caps({ drop: ['ALL'], add: ['SYS_ADMIN'] }))] }),
    },
    { name: 'a Windows pod is exempt', object: pod({ os: { name: 'windows' }, containers: [container()] }) },
  ],
  invalid: [
    {
      name: 'no capabilities at all',
      object: pod({ containers: [container()] }),
      violations: [
        {
          messageId: 'dropAll',
          path: 'spec.containers[0].securityContext.capabilities.drop',
          data: { container: 'app' },
        },
      ],
    },
    {
      name: 'drop without ALL ("all" in lower case is not ALL), and CHOWN added',
      object: deployment({
        containers: [container(caps({ drop: ['all'] }))],
        initContainers: [container(caps({ drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] }), 'i')],
      }),
      violations: [
        {
          messageId: 'dropAll',
          path: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
          data: { container: 'app' },
        },
        {
          messageId: 'added',
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[1]',
          data: { container: 'i', capability: 'CHOWN' },
        },
      ],
    },
  ],
});
