import { runRuleCases } from '../hardening/rule-cases.ts';
import { rbacBroadGroup } from './rbac-broad-group.ts';
import { binding, group, user } from './rbac-objects.ts';

runRuleCases(rbacBroadGroup, {
  valid: [
    {
      name: 'the default discovery binding',
      object: binding('ClusterRoleBinding', { kind: 'ClusterRole', name: 'system:discovery' }, [
        group('system:authenticated'),
      ]),
    },
    {
      name: 'the default issuer discovery binding',
      object: binding(
        'ClusterRoleBinding',
        { kind: 'ClusterRole', name: 'system:service-account-issuer-discovery' },
        [group('system:serviceaccounts')],
      ),
    },
    {
      name: "one namespace's service accounts",
      object: binding('RoleBinding', { kind: 'Role', name: 'reader' }, [
        group('system:serviceaccounts:shop'),
      ]),
    },
  ],
  invalid: [
    {
      name: 'every authenticated user made admin',
      object: binding('ClusterRoleBinding', { kind: 'ClusterRole', name: 'cluster-admin' }, [
        user('jane'),
        group('system:authenticated'),
      ]),
      errors: [{ messageId: 'authenticatedGroup', path: 'subjects[1]' }],
    },
    {
      name: 'every service account can read',
      object: binding('RoleBinding', { kind: 'ClusterRole', name: 'view' }, [
        group('system:serviceaccounts'),
      ]),
      errors: [{ messageId: 'allServiceAccounts', path: 'subjects[0]' }],
    },
  ],
});
