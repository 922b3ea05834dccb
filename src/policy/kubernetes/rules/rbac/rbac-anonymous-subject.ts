import type { K8sRule } from '../../k8s-rule.ts';
import { bindingOf } from './role-bindings.ts';

type MessageId = 'anonymousUser' | 'unauthenticatedGroup';

const ANONYMOUS: Readonly<Record<string, MessageId>> = {
  'system:anonymous': 'anonymousUser',
  'system:unauthenticated': 'unauthenticatedGroup',
};

/**
 * The one binding of unauthenticated requests every cluster ships with: its ClusterRole allows only
 * GET on /healthz, /livez, /readyz and /version.
 */
const BOOTSTRAP_PUBLIC_ROLE = 'system:public-info-viewer';

/** BW-K8S-205: nothing is granted to requests that carry no credentials. */
export const rbacAnonymousSubject: K8sRule<MessageId> = {
  id: 'BW-K8S-205',
  severity: 'CRITICAL',
  title: 'Binding grants a role to anonymous users',
  description:
    'A binding whose subject is the user system:anonymous or the group system:unauthenticated gives the ' +
    'role to anyone who can reach the API server, with no credentials at all: the usual first step of ' +
    'attacks on exposed clusters. The default binding of the system:public-info-viewer ClusterRole ' +
    '(health and version endpoints only) is not reported.',
  remediation:
    'Remove the subject from the binding (and, if possible, run the API server with ' +
    '--anonymous-auth=false or restrict anonymous access to health endpoints).',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'KSV122',
    'C-0262',
  ],
  profiles: ['rbac'],
  messages: {
    anonymousUser:
      'subject "system:anonymous" is bound to {roleKind} "{role}": anyone can use it without credentials',
    unauthenticatedGroup:
      'group "system:unauthenticated" is bound to {roleKind} "{role}": anyone can use it without credentials',
  },
  *check(obj) {
    const binding = bindingOf(obj);
    if (binding === undefined) return;
    if (binding.roleKind === 'ClusterRole' && binding.roleName === BOOTSTRAP_PUBLIC_ROLE) return;
    for (const s of binding.subjects) {
      const messageId = ANONYMOUS[s.name];
      if (messageId === undefined) continue;
      yield { messageId, path: s.path, data: { roleKind: binding.roleKind, role: binding.roleName } };
    }
  },
};
