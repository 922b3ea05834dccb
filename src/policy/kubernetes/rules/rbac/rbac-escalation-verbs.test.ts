import { runRuleCases } from '../hardening/rule-cases.ts';
import { rbacEscalationVerbs } from './rbac-escalation-verbs.ts';
import { clusterRole, role } from './rbac-objects.ts';

const RBAC = 'rbac.authorization.k8s.io';

runRuleCases(rbacEscalationVerbs, {
  valid: [
    {
      name: 'manage role bindings only',
      object: role([{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }]),
    },
    {
      name: 'bind on something else',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['bind'] }]),
    },
    {
      name: 'read roles',
      object: clusterRole([{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['get', 'list'] }]),
    },
  ],
  invalid: [
    {
      name: 'bind on cluster roles',
      object: clusterRole([{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['get', 'bind'] }]),
      errors: [{ messageId: 'bind', path: 'rules[0].verbs[1]' }],
    },
    {
      name: 'escalate, and every verb on roles',
      object: role([
        { apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'] },
        { apiGroups: ['*'], resources: ['roles'], verbs: ['*'] },
      ]),
      errors: [
        { messageId: 'escalate', path: 'rules[0].verbs[0]' },
        { messageId: 'bind', path: 'rules[1].verbs[0]' },
        { messageId: 'escalate', path: 'rules[1].verbs[0]' },
      ],
    },
    {
      name: 'impersonate users, service accounts, user extras',
      object: clusterRole([
        { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
        { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
        { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] },
      ]),
      errors: [
        { messageId: 'impersonate', path: 'rules[0].verbs[0]' },
        { messageId: 'impersonate', path: 'rules[1].verbs[0]' },
        { messageId: 'impersonate', path: 'rules[2].verbs[0]' },
      ],
    },
  ],
});
