import type { K8sRule } from '../../k8s-rule.ts';
import { listed, policyRulesOf } from './policy-rules.ts';

type MessageId = 'allWildcard' | 'wildcardVerbs' | 'wildcardResources';

/** BW-K8S-201: roles name the verbs and resources they grant. */
export const rbacWildcard: K8sRule<MessageId> = {
  id: 'BW-K8S-201',
  severity: 'HIGH',
  title: 'Role grants wildcard verbs or resources',
  description:
    'A `*` in verbs or resources grants everything that exists now and everything added later: new ' +
    'resource types, subresources such as pods/exec, and verbs such as escalate or impersonate. `*` on ' +
    'both is cluster-admin over those API groups.',
  remediation:
    'List the verbs and resources the subject needs. Use `kubectl auth can-i --list --as=…` or audit logs ' +
    'to find out what is actually used.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    'KSV044',
    'KSV045',
    'KSV046',
    'C-0187',
  ],
  profiles: ['rbac'],
  messages: {
    allWildcard: 'rules[{rule}] grants every verb on every resource in API groups [{apiGroups}]',
    wildcardVerbs: 'rules[{rule}] grants every verb ("*") on [{resources}]',
    wildcardResources: 'rules[{rule}] grants [{verbs}] on every resource ("*") in API groups [{apiGroups}]',
  },
  *check(obj) {
    for (const r of policyRulesOf(obj)) {
      const verb = r.verbs.find((e) => e.value === '*');
      const resource = r.resources.find((e) => e.value === '*');
      const data = {
        rule: r.index,
        verbs: listed(r.verbs),
        resources: listed(r.resources),
        apiGroups: r.apiGroups.map((e) => `"${e.value}"`).join(', '),
      };
      if (verb !== undefined && resource !== undefined) {
        yield { messageId: 'allWildcard', path: r.path, data };
      } else if (verb !== undefined) {
        yield { messageId: 'wildcardVerbs', path: `${r.path}.verbs[${verb.index}]`, data };
      } else if (resource !== undefined) {
        yield { messageId: 'wildcardResources', path: `${r.path}.resources[${resource.index}]`, data };
      }
    }
  },
};
