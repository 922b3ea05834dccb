import type { K8sRule } from '../../k8s-rule.ts';
import { grantOf, policyRulesOf } from './policy-rules.ts';

type MessageId = 'readSecrets';

const READ_SECRETS = { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['secrets'] } as const;

/** BW-K8S-202: reading Secrets is granted only where it is needed, and per name. */
export const rbacSecretsRead: K8sRule<MessageId> = {
  id: 'BW-K8S-202',
  severity: 'HIGH',
  title: 'Role can read Secrets',
  description:
    'get, list or watch on secrets (directly or through `*`) reveals every Secret in scope: service ' +
    'account tokens, TLS keys, registry and database credentials. `list` and `watch` return the ' +
    'contents too, not just the names. Rules limited by resourceNames are not reported.',
  remediation:
    'Remove read access to secrets, or limit it to the Secrets the workload needs with resourceNames and ' +
    'a namespaced Role instead of a ClusterRole.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/#least-privilege-secrets',
    'KSV041',
    'KSV113',
    'C-0015',
    'C-0186',
  ],
  profiles: ['rbac'],
  messages: {
    readSecrets: 'rules[{rule}] grants "{verb}" on "{resource}", which includes reading Secrets',
  },
  *check(obj) {
    for (const r of policyRulesOf(obj)) {
      if (r.resourceNames.length > 0) continue;
      const grant = grantOf(r, READ_SECRETS);
      if (grant === undefined) continue;
      yield {
        messageId: 'readSecrets',
        path: `${r.path}.resources[${grant.resource.index}]`,
        data: { rule: r.index, verb: grant.verb.value, resource: grant.resource.value },
      };
    }
  },
};
