import type { K8sRule } from '../../k8s-rule.ts';
import { bindingOf, subjectLabel } from './role-bindings.ts';

type MessageId = 'clusterWide' | 'inNamespace';

/** BW-K8S-206: cluster-admin stays with the break-glass group it is bound to at bootstrap. */
export const rbacClusterAdminBinding: K8sRule<MessageId> = {
  id: 'BW-K8S-206',
  severity: 'HIGH',
  title: 'Binding to cluster-admin',
  description:
    'cluster-admin allows every verb on every resource. Bound by a ClusterRoleBinding it owns the ' +
    'cluster; bound by a RoleBinding it owns the namespace, its Secrets and its RBAC. The bootstrap ' +
    'binding to the group system:masters is not reported.',
  remediation:
    'Bind a role with only the permissions needed (the built-in admin, edit or view, or a custom role); ' +
    'keep cluster-admin for break-glass access.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    'KSV111',
    'C-0185',
    'C-0035',
  ],
  profiles: ['rbac'],
  messages: {
    clusterWide: 'ClusterRoleBinding gives cluster-admin over the whole cluster to {subjects}',
    inNamespace: 'RoleBinding gives cluster-admin over its namespace to {subjects}',
  },
  *check(obj) {
    const binding = bindingOf(obj);
    if (binding === undefined) return;
    if (binding.roleKind !== 'ClusterRole' || binding.roleName !== 'cluster-admin') return;
    const others = binding.subjects.filter((s) => !(s.kind === 'Group' && s.name === 'system:masters'));
    if (binding.subjects.length > 0 && others.length === 0) return;
    const subjects = others.length > 0 ? others.map(subjectLabel).join(', ') : 'no subject yet';
    yield {
      messageId: obj.kind === 'ClusterRoleBinding' ? 'clusterWide' : 'inNamespace',
      path: 'roleRef.name',
      data: { subjects },
    };
  },
};
