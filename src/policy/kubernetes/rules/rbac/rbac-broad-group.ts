import type { K8sRule } from '../../k8s-rule.ts';
import { bindingOf } from './role-bindings.ts';

type MessageId = 'authenticatedGroup' | 'allServiceAccounts';

const BROAD_GROUPS: Readonly<Record<string, MessageId>> = {
  'system:authenticated': 'authenticatedGroup',
  'system:serviceaccounts': 'allServiceAccounts',
};

/** ClusterRoles the API server itself binds to these groups; they grant discovery and self-review only. */
const DEFAULT_ROLES = new Set([
  'system:basic-user',
  'system:discovery',
  'system:public-info-viewer',
  'system:service-account-issuer-discovery',
]);

/** BW-K8S-207: roles are not handed to every authenticated identity at once. */
export const rbacBroadGroup: K8sRule<MessageId> = {
  id: 'BW-K8S-207',
  severity: 'HIGH',
  title: 'Binding grants a role to all authenticated users or all service accounts',
  description:
    'The group system:authenticated holds every identity the API server accepts (on some managed ' +
    'clusters any account of the cloud provider), and system:serviceaccounts every service account in ' +
    "every namespace, so one compromised pod anywhere gets the role. The API server's own discovery " +
    'bindings are not reported.',
  remediation: 'Bind the role to the specific users, groups or service accounts that need it.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'KSV01011',
  ],
  profiles: ['rbac'],
  messages: {
    authenticatedGroup:
      'group "system:authenticated" (every authenticated identity) is bound to {roleKind} "{role}"',
    allServiceAccounts:
      'group "system:serviceaccounts" (every service account) is bound to {roleKind} "{role}"',
  },
  *check(obj) {
    const binding = bindingOf(obj);
    if (binding === undefined) return;
    if (binding.roleKind === 'ClusterRole' && DEFAULT_ROLES.has(binding.roleName)) return;
    for (const s of binding.subjects) {
      const messageId = BROAD_GROUPS[s.name];
      if (messageId === undefined) continue;
      yield { messageId, path: s.path, data: { roleKind: binding.roleKind, role: binding.roleName } };
    }
  },
};
