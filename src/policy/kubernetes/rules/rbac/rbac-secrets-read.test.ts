import { runRuleCases } from '../hardening/rule-cases.ts';
import { clusterRole, role } from './rbac-objects.ts';
import { rbacSecretsRead } from './rbac-secrets-read.ts';

runRuleCases(rbacSecretsRead, {
  valid: [
    {
      name: 'configmaps only',
      object: role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }]),
    },
    {
      name: 'write-only access',
      object: role([{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update'] }]),
    },
    {
      name: 'limited by resourceNames',
      object: role([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] }]),
    },
    {
      name: 'secrets of another API group',
      object: clusterRole([{ apiGroups: ['external-secrets.io'], resources: ['secrets'], verbs: ['get'] }]),
    },
  ],
  invalid: [
    {
      name: 'get secrets',
      object: role([{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get'] }]),
      errors: [{ messageId: 'readSecrets', path: 'rules[0].resources[1]' }],
    },
    {
      name: 'list through every resource',
      object: clusterRole([
        { apiGroups: ['apps'], resources: ['*'], verbs: ['list'] },
        { apiGroups: [''], resources: ['*'], verbs: ['list'] },
      ]),
      errors: [{ messageId: 'readSecrets', path: 'rules[1].resources[0]' }],
    },
    {
      name: 'watch through every verb and API group',
      object: clusterRole([{ apiGroups: ['*'], resources: ['secrets'], verbs: ['*'] }]),
      errors: [{ messageId: 'readSecrets', path: 'rules[0].resources[0]' }],
    },
  ],
});
