// Builders for RBAC test objects.

export function role(rules: unknown[], kind: 'Role' | 'ClusterRole' = 'Role') {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'Role' ? { name: 'r', namespace: 'shop' } : { name: 'r' },
    rules,
  };
}

export function clusterRole(rules: unknown[]) {
  return role(rules, 'ClusterRole');
}

export function binding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  roleRef: { readonly kind: string; readonly name: string },
  subjects: unknown[],
) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'RoleBinding' ? { name: 'b', namespace: 'shop' } : { name: 'b' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export const user = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
export const group = (name: string) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
export const serviceAccount = (namespace: string, name: string) => ({
  kind: 'ServiceAccount',
  namespace,
  name,
});
