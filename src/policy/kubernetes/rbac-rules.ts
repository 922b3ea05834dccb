import type { K8sRule } from './k8s-rule.ts';
import { rbacAnonymousSubject } from './rules/rbac/rbac-anonymous-subject.ts';
import { rbacBroadGroup } from './rules/rbac/rbac-broad-group.ts';
import { rbacClusterAdminBinding } from './rules/rbac/rbac-cluster-admin-binding.ts';
import { rbacEscalationVerbs } from './rules/rbac/rbac-escalation-verbs.ts';
import { rbacPodExec } from './rules/rbac/rbac-pod-exec.ts';
import { rbacSecretsRead } from './rules/rbac/rbac-secrets-read.ts';
import { rbacWildcard } from './rules/rbac/rbac-wildcard.ts';

/** RBAC rules over Roles, ClusterRoles and their bindings (profile `rbac`), ids BW-K8S-2nn, in id order. */
export const RBAC_RULES: readonly K8sRule[] = [
  rbacWildcard,
  rbacSecretsRead,
  rbacPodExec,
  rbacEscalationVerbs,
  rbacAnonymousSubject,
  rbacClusterAdminBinding,
  rbacBroadGroup,
];
