// Our RBAC rules on the inputs of Kubescape's regolibrary RBAC rule tests. Kubescape judges a subject
// with its binding and role together and reports once per subject; our role rules judge the Role or
// ClusterRole alone, our binding rules the binding alone, so we compare the verdict and the role's
// `rules[n]` (or the binding's `subjects[n]`) that is blamed.
import { comparePeer, kubescapeCases } from '../hardening/peer-cases.ts';
import { rbacAnonymousSubject } from './rbac-anonymous-subject.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';
import { rbacEscalationVerbs } from './rbac-escalation-verbs.ts';
import { rbacPodExec } from './rbac-pod-exec.ts';
import { rbacSecretsRead } from './rbac-secrets-read.ts';
import { rbacWildcard } from './rbac-wildcard.ts';

const RULE = /^rules\[\d+\]/;
const SUBJECT = /^subjects\[\d+\]/;
const ROLES = ['Role', 'ClusterRole'];
const BINDINGS = ['RoleBinding', 'ClusterRoleBinding'];

comparePeer({
  peer: 'kubescape rule-list-all-cluster-admins-v1 (C-0187)',
  cases: kubescapeCases('rule-list-all-cluster-admins-v1'),
  rules: [rbacWildcard],
  messageIds: ['allWildcard'],
  kinds: ROLES,
  anchor: RULE,
});
comparePeer({
  peer: 'kubescape rule-can-list-get-secrets-v1 (C-0015, C-0186)',
  cases: kubescapeCases('rule-can-list-get-secrets-v1'),
  rules: [rbacSecretsRead],
  kinds: ROLES,
  anchor: RULE,
});
comparePeer({
  peer: 'kubescape exec-into-container-v1 (C-0002)',
  cases: kubescapeCases('exec-into-container-v1'),
  rules: [rbacPodExec],
  messageIds: ['exec'],
  kinds: ROLES,
  anchor: RULE,
  differences: {
    // The authorizer matches a resource as `*`, its exact name or `*/<subresource>`; "pods/*" is none.
    clusterrole: '"pods/*" is not an RBAC wildcard and grants no pods/exec',
  },
});
comparePeer({
  peer: 'kubescape rule-can-bind-escalate (C-0191)',
  cases: kubescapeCases('rule-can-bind-escalate'),
  rules: [rbacEscalationVerbs],
  messageIds: ['bind', 'escalate'],
  kinds: ROLES,
  anchor: RULE,
});
comparePeer({
  peer: 'kubescape rule-can-impersonate-users-groups-v1 (C-0065)',
  cases: kubescapeCases('rule-can-impersonate-users-groups-v1'),
  rules: [rbacEscalationVerbs],
  messageIds: ['impersonate'],
  kinds: ROLES,
  anchor: RULE,
});
comparePeer({
  peer: 'kubescape anonymous-access-enabled (C-0262)',
  cases: kubescapeCases('anonymous-access-enabled'),
  rules: [rbacAnonymousSubject],
  kinds: BINDINGS,
  anchor: SUBJECT,
  differences: {
    fail: "the bootstrap binding of system:public-info-viewer (health and version endpoints only) is every cluster's default",
  },
});
comparePeer({
  peer: 'kubescape cluster-admin-role (C-0185)',
  cases: kubescapeCases('cluster-admin-role'),
  rules: [rbacClusterAdminBinding],
  kinds: BINDINGS,
  differences: {
    'clusterrole-rolebinding':
      'a RoleBinding to cluster-admin makes a namespace admin; Kubescape looks at ClusterRoleBindings only',
  },
});
