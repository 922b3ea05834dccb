import { cronJob, deployment, pod, runRuleCases } from './rule-cases.ts';
import { serviceAccountToken } from './service-account-token.ts';

runRuleCases(serviceAccountToken, {
  valid: [
    {
      name: 'pod opts out',
      object: pod({ automountServiceAccountToken: false, containers: [{ name: 'app' }] }),
    },
    {
      name: 'deployment opts out',
      object: deployment({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: [] }),
    },
    {
      name: 'service account opts out',
      object: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'web' },
        automountServiceAccountToken: false,
      },
    },
    { name: 'other kinds', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } },
  ],
  invalid: [
    {
      name: 'pod leaves it unset (default service account)',
      object: pod({ containers: [{ name: 'app' }] }),
      errors: [{ messageId: 'podDefault', path: 'spec.automountServiceAccountToken' }],
    },
    {
      name: 'pod asks for it explicitly',
      object: deployment({ serviceAccountName: 'web', automountServiceAccountToken: true, containers: [] }),
      errors: [{ messageId: 'podEnabled', path: 'spec.template.spec.automountServiceAccountToken' }],
    },
    {
      name: 'cron job with the deprecated serviceAccount field',
      object: cronJob({ serviceAccount: 'batch', containers: [] }),
      errors: [
        { messageId: 'podDefault', path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken' },
      ],
    },
    {
      name: 'service account without the setting',
      object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } },
      errors: [{ messageId: 'serviceAccount', path: 'automountServiceAccountToken' }],
    },
    {
      name: 'service account set to true',
      object: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'web' },
        automountServiceAccountToken: true,
      },
      errors: [{ messageId: 'serviceAccount', path: 'automountServiceAccountToken' }],
    },
  ],
});
