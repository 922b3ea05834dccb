import type { K8sRule } from '../../k8s-rule.ts';
import { podSpecsOf } from '../../pod-specs.ts';

type MessageId = 'podEnabled' | 'podDefault' | 'serviceAccount';

/** BW-K8S-106: the API token is mounted only into pods that talk to the API server. */
export const serviceAccountToken: K8sRule<MessageId> = {
  id: 'BW-K8S-106',
  severity: 'LOW',
  title: 'Service account token mounted automatically',
  description:
    "Unless told otherwise Kubernetes mounts a token of the pod's service account into every container. " +
    'Most applications never call the API server, but anyone who gets code running in the container can, ' +
    'with every permission the service account has. A pod sees only itself here: when the pod leaves the ' +
    'field unset, the finding stands unless its ServiceAccount sets automountServiceAccountToken: false.',
  remediation:
    'Set automountServiceAccountToken: false on the ServiceAccount, or in the pod spec (which wins), and ' +
    'mount a projected token only into pods that need the API.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
    'KSV036',
    'C-0034',
    'C-0190',
    'kubesec:AutomountServiceAccountToken',
  ],
  profiles: ['best-practice'],
  messages: {
    podEnabled:
      'the pod sets automountServiceAccountToken: true, so the token of "{serviceAccount}" is mounted',
    podDefault:
      'the pod does not set automountServiceAccountToken: false, so the token of "{serviceAccount}" is mounted ' +
      'unless that ServiceAccount disables it',
    serviceAccount: 'ServiceAccount "{serviceAccount}" does not set automountServiceAccountToken: false',
  },
  *check(obj) {
    if (obj.kind === 'ServiceAccount') {
      if (obj.raw.automountServiceAccountToken !== false) {
        yield {
          messageId: 'serviceAccount',
          path: 'automountServiceAccountToken',
          data: { serviceAccount: obj.name ?? '' },
        };
      }
      return;
    }
    for (const pod of podSpecsOf(obj)) {
      const value = pod.spec.automountServiceAccountToken;
      if (value === false) continue;
      // serviceAccount is the deprecated spelling; the API server still honours it when the new one is unset.
      const named = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
      const serviceAccount = typeof named === 'string' && named !== '' ? named : 'default';
      yield {
        messageId: value === true ? 'podEnabled' : 'podDefault',
        path: `${pod.path}.automountServiceAccountToken`,
        data: { serviceAccount },
      };
    }
  },
};
