import type { K8sRule } from '../../k8s-rule.ts';
import { imageRefParts, isCheckableImage } from './image-reference.ts';
import { workloadContainers } from './workload-containers.ts';

type MessageId = 'notPinned';

/** BW-K8S-104: advice to pin images by digest so what was scanned is what runs. */
export const imageDigest: K8sRule<MessageId> = {
  id: 'BW-K8S-104',
  severity: 'INFO',
  title: 'Image not pinned by digest',
  description:
    'Tags can be moved to other content by anyone who can push to the repository. Only a digest ' +
    '(`@sha256:…`) guarantees that the image that runs is the one that was scanned and approved.',
  remediation:
    'Reference the image by digest, keeping the tag for readers if wanted: `nginx:1.27.3@sha256:…` ' +
    '(tools such as Renovate or `crane digest` keep digests up to date).',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
  ],
  profiles: ['best-practice'],
  messages: {
    notPinned: 'container "{container}" uses image "{image}", which is not pinned by digest',
  },
  *check(obj) {
    for (const c of workloadContainers(obj)) {
      const image = c.container.image;
      if (!isCheckableImage(image)) continue;
      if (imageRefParts(image).digest !== undefined) continue;
      yield { messageId: 'notPinned', path: `${c.path}.image`, data: { container: c.name, image } };
    }
  },
};
