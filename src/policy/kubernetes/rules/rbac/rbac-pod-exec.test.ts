import { runRuleCases } from '../hardening/rule-cases.ts';
import { clusterRole, role } from './rbac-objects.ts';
import { rbacPodExec } from './rbac-pod-exec.ts';

runRuleCases(rbacPodExec, {
  valid: [
    {
      name: 'read pods and logs',
      object: role([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }]),
    },
    // RBAC has no `pods/*` wildcard: the authorizer matches `*`, the exact name, or `*/<subresource>`.
    {
      name: '"pods/*" grants nothing',
      object: role([{ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }]),
    },
    {
      name: 'list is not enough',
      object: role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['list'] }]),
    },
  ],
  invalid: [
    {
      name: 'create pods/exec',
      object: role([{ apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create'] }]),
      errors: [{ messageId: 'exec', path: 'rules[0].resources[1]' }],
    },
    {
      name: 'get pods/attach (WebSocket before 1.31)',
      object: clusterRole([{ apiGroups: [''], resources: ['pods/attach'], verbs: ['get'] }]),
      errors: [{ messageId: 'attach', path: 'rules[0].resources[0]' }],
    },
    {
      name: 'every resource',
      object: clusterRole([{ apiGroups: ['*'], resources: ['*'], verbs: ['create'] }]),
      errors: [
        { messageId: 'exec', path: 'rules[0].resources[0]' },
        { messageId: 'attach', path: 'rules[0].resources[0]' },
      ],
    },
    {
      name: 'any exec subresource',
      object: role([{ apiGroups: [''], resources: ['*/exec'], verbs: ['*'] }]),
      errors: [{ messageId: 'exec', path: 'rules[0].resources[0]' }],
    },
  ],
});
