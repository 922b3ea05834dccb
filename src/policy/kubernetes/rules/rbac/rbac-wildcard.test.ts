import { runRuleCases } from '../hardening/rule-cases.ts';
import { clusterRole, role } from './rbac-objects.ts';
import { rbacWildcard } from './rbac-wildcard.ts';

runRuleCases(rbacWildcard, {
  valid: [
    {
      name: 'named verbs and resources',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]),
    },
    {
      name: 'wildcard API group alone',
      object: clusterRole([{ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }]),
    },
    {
      name: 'non-resource URLs only',
      object: clusterRole([{ nonResourceURLs: ['*'], verbs: ['*'] }]),
    },
    {
      name: 'not a role',
      object: { apiVersion: 'v1', kind: 'Pod', rules: [{ resources: ['*'], verbs: ['*'] }] },
    },
  ],
  invalid: [
    {
      name: 'cluster-admin equivalent',
      object: clusterRole([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      errors: [{ messageId: 'allWildcard', path: 'rules[0]' }],
    },
    {
      name: 'every verb on named resources',
      object: role([
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', '*'] },
      ]),
      errors: [{ messageId: 'wildcardVerbs', path: 'rules[1].verbs[1]' }],
    },
    {
      name: 'named verbs on every resource',
      object: clusterRole([{ apiGroups: [''], resources: ['pods', '*'], verbs: ['list'] }]),
      errors: [{ messageId: 'wildcardResources', path: 'rules[0].resources[1]' }],
    },
  ],
});
