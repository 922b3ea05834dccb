import type { K8sRule } from '../../k8s-rule.ts';
import { grantOf, policyRulesOf } from './policy-rules.ts';

type MessageId = 'exec' | 'attach';

// `get` as well as `create`: before Kubernetes 1.31 (the AuthorizePodWebsocketUpgradeCreatePermission
// gate) a WebSocket exec or attach needed only `get`, and older clusters are still about.
const VERBS = ['create', 'get'];

const PERMISSIONS: readonly [MessageId, { verbs: string[]; apiGroups: string[]; resources: string[] }][] = [
  ['exec', { verbs: VERBS, apiGroups: [''], resources: ['pods/exec'] }],
  ['attach', { verbs: VERBS, apiGroups: [''], resources: ['pods/attach'] }],
];

/** BW-K8S-203: running commands in other pods' containers is an administrator's power. */
export const rbacPodExec: K8sRule<MessageId> = {
  id: 'BW-K8S-203',
  severity: 'HIGH',
  title: 'Role can exec or attach into pods',
  description:
    'pods/exec and pods/attach run commands in, or take over the terminal of, any container in scope: ' +
    "the subject gets that container's files, secrets, service account token and network position. " +
    'Granted through `*` or `*/exec` as well.',
  remediation:
    'Remove create/get on pods/exec and pods/attach; give debugging access through a separate, ' +
    'time-limited role, or use ephemeral debug containers under admission control.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#exec',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    'KSV053',
    'KSV054',
    'C-0002',
  ],
  profiles: ['rbac'],
  messages: {
    exec: 'rules[{rule}] grants "{verb}" on "{resource}", which allows exec into containers',
    attach: 'rules[{rule}] grants "{verb}" on "{resource}", which allows attaching to containers',
  },
  *check(obj) {
    for (const r of policyRulesOf(obj)) {
      for (const [messageId, permission] of PERMISSIONS) {
        const grant = grantOf(r, permission);
        if (grant === undefined) continue;
        yield {
          messageId,
          path: `${r.path}.resources[${grant.resource.index}]`,
          data: { rule: r.index, verb: grant.verb.value, resource: grant.resource.value },
        };
      }
    }
  },
};
