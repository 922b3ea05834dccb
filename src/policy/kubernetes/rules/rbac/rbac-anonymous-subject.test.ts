import { runRuleCases } from '../hardening/rule-cases.ts';
import { rbacAnonymousSubject } from './rbac-anonymous-subject.ts';
import { binding, group, serviceAccount, user } from './rbac-objects.ts';

runRuleCases(rbacAnonymousSubject, {
  valid: [
    { name: 'named user', object: binding('RoleBinding', { kind: 'Role', name: 'reader' }, [user('jane')]) },
    {
      name: 'the default public-info-viewer binding',
      object: binding('ClusterRoleBinding', { kind: 'ClusterRole', name: 'system:public-info-viewer' }, [
        group('system:authenticated'),
        group('system:unauthenticated'),
      ]),
    },
    { name: 'no subjects', object: binding('RoleBinding', { kind: 'Role', name: 'reader' }, []) },
    {
      name: 'a role, not a binding',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        subjects: [user('system:anonymous')],
      },
    },
  ],
  invalid: [
    {
      // The seed attack: anonymous requests given cluster-admin, then a pod mounting the host's /.
      name: 'anonymous user bound to cluster-admin',
      object: binding('ClusterRoleBinding', { kind: 'ClusterRole', name: 'cluster-admin' }, [
        user('system:anonymous'),
      ]),
      errors: [{ messageId: 'anonymousUser', path: 'subjects[0]' }],
    },
    {
      name: 'unauthenticated group in a namespace, among others',
      object: binding('RoleBinding', { kind: 'ClusterRole', name: 'view' }, [
        serviceAccount('shop', 'web'),
        group('system:unauthenticated'),
        user('system:anonymous'),
      ]),
      errors: [
        { messageId: 'unauthenticatedGroup', path: 'subjects[1]' },
        { messageId: 'anonymousUser', path: 'subjects[2]' },
      ],
    },
    {
      name: 'a Role named like the public viewer is not the default',
      object: binding('RoleBinding', { kind: 'Role', name: 'system:public-info-viewer' }, [
        user('system:anonymous'),
      ]),
      errors: [{ messageId: 'anonymousUser', path: 'subjects[0]' }],
    },
  ],
});
