import { runRuleCases } from '../hardening/rule-cases.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';
import { binding, group, serviceAccount, user } from './rbac-objects.ts';

const clusterAdmin = { kind: 'ClusterRole', name: 'cluster-admin' };

runRuleCases(rbacClusterAdminBinding, {
  valid: [
    {
      name: 'the bootstrap binding to system:masters',
      object: binding('ClusterRoleBinding', clusterAdmin, [group('system:masters')]),
    },
    {
      name: 'admin is not cluster-admin',
      object: binding('RoleBinding', { kind: 'ClusterRole', name: 'admin' }, [user('jane')]),
    },
    {
      name: 'a Role named cluster-admin',
      object: binding('RoleBinding', { kind: 'Role', name: 'cluster-admin' }, [user('jane')]),
    },
  ],
  invalid: [
    {
      name: 'service account made cluster admin',
      object: binding('ClusterRoleBinding', clusterAdmin, [serviceAccount('ci', 'deployer')]),
      errors: [{ messageId: 'clusterWide', path: 'roleRef.name' }],
    },
    {
      name: 'masters plus someone else',
      object: binding('ClusterRoleBinding', clusterAdmin, [group('system:masters'), user('bob')]),
      errors: [{ messageId: 'clusterWide', path: 'roleRef.name' }],
    },
    {
      name: 'namespace admin through a RoleBinding',
      object: binding('RoleBinding', clusterAdmin, [user('jane')]),
      errors: [{ messageId: 'inNamespace', path: 'roleRef.name' }],
    },
    {
      name: 'binding without subjects yet',
      object: binding('ClusterRoleBinding', clusterAdmin, []),
      errors: [{ messageId: 'clusterWide', path: 'roleRef.name' }],
    },
  ],
});
