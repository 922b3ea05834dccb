import type { K8sRule } from '../../k8s-rule.ts';
import { imageRefParts, isCheckableImage } from './image-reference.ts';
import { workloadContainers } from './workload-containers.ts';

type MessageId = 'latestTag' | 'noTag';

/** BW-K8S-103: images name a fixed version, not `latest` or nothing at all. */
export const imageTagLatest: K8sRule<MessageId> = {
  id: 'BW-K8S-103',
  severity: 'MEDIUM',
  title: 'Image uses the latest tag or no tag',
  description:
    'An image without a tag means `latest`, and `latest` moves: two nodes can run different code for the ' +
    'same pod, a rollback does not roll back, and a vulnerability scan of the image says nothing about ' +
    'what will run tomorrow. A reference pinned by digest is accepted whatever its tag.',
  remediation: 'Use an explicit version tag (`nginx:1.27.3`), or better, pin by digest (`nginx@sha256:…`).',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
    'KSV013',
    'C-0075',
  ],
  profiles: ['best-practice'],
  messages: {
    latestTag: 'container "{container}" uses image "{image}" with the mutable tag "latest"',
    noTag: 'container "{container}" uses image "{image}" without a tag, which means "latest"',
  },
  *check(obj) {
    for (const c of workloadContainers(obj)) {
      const image = c.container.image;
      if (!isCheckableImage(image)) continue;
      const { tag, digest } = imageRefParts(image);
      if (digest !== undefined) continue;
      if (tag === undefined || tag === 'latest') {
        yield {
          messageId: tag === undefined ? 'noTag' : 'latestTag',
          path: `${c.path}.image`,
          data: { container: c.name, image },
        };
      }
    }
  },
};
