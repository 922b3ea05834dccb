import { imageDigest } from './image-digest.ts';
import { deployment, pod, runRuleCases } from './rule-cases.ts';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

runRuleCases(imageDigest, {
  valid: [
    { name: 'digest only', object: pod({ containers: [{ name: 'app', image: `nginx@${DIGEST}` }] }) },
    {
      name: 'tag and digest',
      object: pod({ containers: [{ name: 'app', image: `ghcr.io/o/app:1.0@${DIGEST}` }] }),
    },
    { name: 'no image', object: pod({ containers: [{ name: 'app', image: '' }] }) },
  ],
  invalid: [
    {
      name: 'tag only',
      object: pod({ containers: [{ name: 'app', image: 'nginx:1.27.3' }] }),
      errors: [{ messageId: 'notPinned', path: 'spec.containers[0].image' }],
    },
    {
      name: 'one of two containers',
      object: deployment({
        containers: [
          { name: 'app', image: `app@${DIGEST}` },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.31' },
        ],
      }),
      errors: [{ messageId: 'notPinned', path: 'spec.template.spec.containers[1].image' }],
    },
  ],
});
