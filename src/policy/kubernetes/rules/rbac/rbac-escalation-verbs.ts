import type { K8sRule } from '../../k8s-rule.ts';
import { grantOf, type Permission, policyRulesOf } from './policy-rules.ts';

type MessageId = 'bind' | 'escalate' | 'impersonate';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const ROLES = ['roles', 'clusterroles'];

const PERMISSIONS: readonly [MessageId, Permission][] = [
  ['bind', { verbs: ['bind'], apiGroups: [RBAC_GROUP], resources: ROLES }],
  ['escalate', { verbs: ['escalate'], apiGroups: [RBAC_GROUP], resources: ROLES }],
  [
    'impersonate',
    {
      verbs: ['impersonate'],
      // users, groups and serviceaccounts live in the core group; uids and userextras/* in authentication.k8s.io.
      apiGroups: ['', 'authentication.k8s.io'],
      resources: ['users', 'groups', 'serviceaccounts', 'uids', 'userextras'],
    },
  ],
];

/** BW-K8S-204: the verbs that step around RBAC's own privilege-escalation checks. */
export const rbacEscalationVerbs: K8sRule<MessageId> = {
  id: 'BW-K8S-204',
  severity: 'HIGH',
  title: 'Role grants bind, escalate or impersonate',
  description:
    'RBAC stops a subject from granting permissions it does not hold, except through three verbs: ' +
    '`bind` on roles lets it bind any role (cluster-admin included) to itself, `escalate` lets it edit a ' +
    'role to add anything, and `impersonate` lets it act as another user, group or service account. ' +
    'Granted through `*` as well.',
  remediation:
    'Remove these verbs; where a controller needs them, restrict them with resourceNames to the roles or ' +
    'identities it manages.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#bind-verb',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    'KSV043',
    'KSV050',
    'C-0191',
    'C-0065',
  ],
  profiles: ['rbac'],
  messages: {
    bind: 'rules[{rule}] grants "{verb}" on "{resource}", which allows binding any role',
    escalate: 'rules[{rule}] grants "{verb}" on "{resource}", which allows adding any permission to a role',
    impersonate: 'rules[{rule}] grants "{verb}" on "{resource}", which allows impersonating other identities',
  },
  *check(obj) {
    for (const r of policyRulesOf(obj)) {
      for (const [messageId, permission] of PERMISSIONS) {
        // userextras/<key> names one extra field; any of them counts.
        const grant =
          grantOf(r, permission) ??
          (messageId === 'impersonate'
            ? grantOf(r, {
                ...permission,
                resources: r.resources.map((e) => e.value).filter((v) => v.startsWith('userextras/')),
              })
            : undefined);
        if (grant === undefined) continue;
        yield {
          messageId,
          path: `${r.path}.verbs[${grant.verb.index}]`,
          data: { rule: r.index, verb: grant.verb.value, resource: grant.resource.value },
        };
      }
    }
  },
};
