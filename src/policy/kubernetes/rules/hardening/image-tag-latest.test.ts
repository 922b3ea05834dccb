import { imageTagLatest } from './image-tag-latest.ts';
import { cronJob, deployment, pod, runRuleCases } from './rule-cases.ts';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

runRuleCases(imageTagLatest, {
  valid: [
    { name: 'versioned tag', object: pod({ containers: [{ name: 'app', image: 'nginx:1.27.3' }] }) },
    {
      name: 'registry with a port and a tag',
      object: pod({ containers: [{ name: 'app', image: 'registry.local:5000/team/app:2.1' }] }),
    },
    {
      name: 'untagged but pinned by digest',
      object: pod({ containers: [{ name: 'app', image: `nginx@${DIGEST}` }] }),
    },
    {
      name: 'latest but pinned by digest',
      object: pod({ containers: [{ name: 'app', image: `nginx:latest@${DIGEST}` }] }),
    },
    { name: 'no image (left to schema validation)', object: pod({ containers: [{ name: 'app' }] }) },
    {
      name: 'unrendered template',
      object: pod({ containers: [{ name: 'app', image: '{{ .Values.image }}' }] }),
    },
  ],
  invalid: [
    {
      name: 'latest tag',
      object: pod({ containers: [{ name: 'app', image: 'nginx:latest' }] }),
      errors: [{ messageId: 'latestTag', path: 'spec.containers[0].image' }],
    },
    {
      name: 'no tag, registry with a port is not a tag',
      object: deployment({ containers: [{ name: 'app', image: 'registry.local:5000/team/app' }] }),
      errors: [{ messageId: 'noTag', path: 'spec.template.spec.containers[0].image' }],
    },
    {
      name: 'init and ephemeral containers too',
      object: cronJob({
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [{ name: 'run', image: 'alpine:3.20' }],
        ephemeralContainers: [{ name: 'debug', image: 'busybox:latest' }],
      }),
      errors: [
        { messageId: 'noTag', path: 'spec.jobTemplate.spec.template.spec.initContainers[0].image' },
        { messageId: 'latestTag', path: 'spec.jobTemplate.spec.template.spec.ephemeralContainers[0].image' },
      ],
    },
    {
      name: 'malformed digest does not pin',
      object: pod({ containers: [{ name: 'app', image: 'nginx@sha256:abc' }] }),
      errors: [{ messageId: 'noTag', path: 'spec.containers[0].image' }],
    },
  ],
});
