// Our RBAC rules on the inputs of trivy-checks' own Rego tests: we must fail exactly where Trivy's test
// expects a denial, except for the differences recorded below.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePeer, trivyCases } from '../hardening/peer-cases.ts';
import { rbacAnonymousSubject } from './rbac-anonymous-subject.ts';
import { rbacBroadGroup } from './rbac-broad-group.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';
import { rbacEscalationVerbs } from './rbac-escalation-verbs.ts';
import { rbacPodExec } from './rbac-pod-exec.ts';
import { rbacSecretsRead } from './rbac-secrets-read.ts';
import { rbacWildcard } from './rbac-wildcard.ts';

function cases(check: string, atLeast: number) {
  const { cases: found } = trivyCases(check);
  it(`${check}_test.rego yields at least ${atLeast} literal cases`, () => assert.ok(found.length >= atLeast));
  return found;
}

describe('trivy-checks', () => {
  comparePeer({
    peer: 'trivy KSV044',
    cases: cases('any_any', 4),
    rules: [rbacWildcard],
    messageIds: ['allWildcard'],
    differences: {
      test_any_any_role_not_api_group:
        'every verb on every resource of one API group ("aaa") is still all of it; Trivy wants apiGroups "*" too',
    },
  });
  comparePeer({
    peer: 'trivy KSV045',
    cases: cases('any_verb', 17),
    rules: [rbacWildcard],
    messageIds: ['allWildcard', 'wildcardVerbs'],
    differences: {
      test_any_verb_role_no_specific_resource:
        'Trivy reports "*" verbs only on a list of sensitive resources; we report them on any resource',
    },
  });
  comparePeer({
    peer: 'trivy KSV046',
    cases: cases('manage_all_resources', 8),
    rules: [rbacWildcard],
  });
  comparePeer({
    peer: 'trivy KSV041',
    cases: cases('manage_secrets', 9),
    rules: [rbacSecretsRead],
    differences: {
      test_manage_verb_update:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_update:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_impersonate:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_deletecollection:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_patch:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
    },
  });
  comparePeer({
    peer: 'trivy KSV113',
    cases: cases('manage_namespace_secrets', 9),
    rules: [rbacSecretsRead],
    differences: {
      test_manage_verb_update:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_update:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_impersonate:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_deletecollection:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
      test_manage_secret_verb_patch:
        "write access (update, patch, deletecollection, impersonate) is not reading; Trivy's check is about managing Secrets",
    },
  });
  comparePeer({
    peer: 'trivy KSV053',
    cases: cases('get_shell_on_pod', 5),
    rules: [rbacPodExec],
    messageIds: ['exec'],
  });
  comparePeer({
    peer: 'trivy KSV054',
    cases: cases('attaching_pod_view_logs_realtime', 5),
    rules: [rbacPodExec],
    messageIds: ['attach'],
  });
  comparePeer({
    peer: 'trivy KSV043',
    cases: cases('impersonate_privileged_groups', 4),
    rules: [rbacEscalationVerbs],
    messageIds: ['impersonate'],
  });
  comparePeer({
    peer: 'trivy KSV050',
    cases: cases('manage_kubernetes_rbac_resources', 10),
    rules: [rbacEscalationVerbs],
    // KSV050 is about managing RBAC objects at all; BW-K8S-204 about the verbs that skip RBAC's
    // escalation checks. "*" on rolebindings is BW-K8S-201's.
    differences: {
      test_manage_K8s_RBAC_resources_impersonate:
        'impersonate applies to users, groups and service accounts, not rolebindings',
      test_manage_K8s_RBAC_resources_all:
        '"*" on rolebindings holds no bind or escalate (those apply to roles); BW-K8S-201 reports it',
    },
  });
  comparePeer({
    peer: 'trivy KSV122',
    cases: cases('anonymous_user_bind', 4),
    rules: [rbacAnonymousSubject],
  });
  comparePeer({
    peer: 'trivy KSV111',
    cases: cases('cluster_admin_role_is_only_used_where_required', 4),
    rules: [rbacClusterAdminBinding],
    differences: {
      test_cluster_role_admin__used_with_non_system_role_binding:
        'roleRef is a namespaced Role that happens to be named cluster-admin, not the ClusterRole',
      test_cluster_role_admin__used_with_system_role_binding:
        'roleRef is a namespaced Role that happens to be named cluster-admin, not the ClusterRole',
      test_admin_used_with_system_role_binding:
        'Trivy also reports admin and edit; we report cluster-admin only',
    },
  });
  comparePeer({
    peer: 'trivy KSV01011',
    cases: cases('authenticate_group_bind', 5),
    rules: [rbacBroadGroup],
    messageIds: ['authenticatedGroup'],
    differences: {
      test_role_binding_with_system_authenticated_group_binding_non_gke:
        'Trivy reports system:authenticated only on GKE (where it includes any Google account); we report it everywhere',
    },
  });
});
