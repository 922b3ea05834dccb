import { appArmorRule } from './apparmor.ts';
import { container, deployment, pod, ruleCases } from './pss-cases.ts';

const profile = (type: unknown, extra: Record<string, unknown> = {}) => ({
  securityContext: { appArmorProfile: { type, ...extra } },
});
const KEY = 'container.apparmor.security.beta.kubernetes.io/app';

ruleCases(appArmorRule, {
  valid: [
    { name: 'nothing set', object: pod({ containers: [container()] }) },
    {
      name: 'RuntimeDefault on the pod, Localhost on a container',
      object: pod({
        ...profile('RuntimeDefault'),
        containers: [container(profile('Localhost', { localhostProfile: 'k8s-nginx' }))],
      }),
    },
    {
      name: "annotations 'runtime/default', 'localhost/…' and empty",
      object: pod(
        { containers: [container()] },
        {
          annotations: {
            [KEY]: 'runtime/default',
            'container.apparmor.security.beta.kubernetes.io/b': 'localhost/k8s-nginx',
            'container.apparmor.security.beta.kubernetes.io/c': '',
            'other.example/x': 'unconfined',
          },
        },
      ),
    },
  ],
  invalid: [
    {
      name: 'Unconfined on the pod and a container',
      object: deployment({ ...profile('Unconfined'), containers: [container(profile('Unconfined'))] }),
      violations: [
        {
          messageId: 'pod',
          path: 'spec.template.spec.securityContext.appArmorProfile.type',
          data: { type: 'Unconfined' },
        },
        {
          messageId: 'container',
          path: 'spec.template.spec.containers[0].securityContext.appArmorProfile.type',
          data: { container: 'app', type: 'Unconfined' },
        },
      ],
    },
    {
      name: 'a profile without a type',
      object: pod({ ephemeralContainers: [container({ securityContext: { appArmorProfile: {} } }, 'dbg')] }),
      violations: [
        {
          messageId: 'container',
          path: 'spec.ephemeralContainers[0].securityContext.appArmorProfile.type',
          data: { container: 'dbg', type: '(none)' },
        },
      ],
    },
    {
      name: "the pod template's annotation in a Deployment",
      object: deployment({ containers: [container()] }, { annotations: { [KEY]: 'unconfined' } }),
      violations: [
        {
          messageId: 'annotation',
          path: `spec.template.metadata.annotations['${KEY}']`,
          data: { annotation: KEY, value: 'unconfined' },
        },
      ],
    },
    {
      name: "a Pod's own annotation",
      object: pod({ containers: [container()] }, { annotations: { [KEY]: 'docker-default' } }),
      violations: [
        {
          messageId: 'annotation',
          path: `metadata.annotations['${KEY}']`,
          data: { annotation: KEY, value: 'docker-default' },
        },
      ],
    },
  ],
});
