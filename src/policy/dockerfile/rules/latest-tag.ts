import type { DockerfileRule } from '../dockerfile-rule.ts';
import { splitWords } from '../expand-words.ts';
import { imageReferenceParts } from '../image-reference.ts';

type MessageId = 'latestTag' | 'noTag';

/** BW-DF-002: every FROM names a fixed version of its base image. */
export const latestTag: DockerfileRule<MessageId> = {
  id: 'BW-DF-002',
  severity: 'MEDIUM',
  title: 'Base image uses the latest tag or no tag',
  description:
    'A FROM without a tag means `latest`, and `latest` moves: the same Dockerfile builds different ' +
    "images from one day to the next, and a scan of yesterday's base says nothing about today's. " +
    'A reference pinned by digest is accepted whatever its tag. `scratch` and earlier stage names are ' +
    'not images; a tag given by a variable with no known value is not reported; a variable with a `:-` default is ' +
    'checked with its default.',
  remediation:
    'Name an explicit version (`FROM node:22.12-alpine3.21`), or pin by digest (`FROM node@sha256:…`).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#from',
    'https://docs.docker.com/build/building/best-practices/#from',
    'DS001',
    'DL3006',
    'DL3007',
  ],
  messages: {
    latestTag: 'FROM "{image}" uses the mutable tag "latest"',
    noTag: 'FROM "{image}" has no tag, which means "latest"',
  },
  *check(dockerfile) {
    for (const stage of dockerfile.stages) {
      const image = stage.image;
      if (image === '' || image.toLowerCase() === 'scratch' || stage.baseStage !== undefined) continue;
      if (stage.imageUnresolved.length > 0) {
        // Only a literal last path segment (`${REGISTRY}/app:1.2`) says what the tag is.
        const raw = splitWords(stage.from.args, dockerfile.escape)[0] ?? '';
        if (raw.slice(raw.lastIndexOf('/') + 1).includes('$')) continue;
      }
      const { tag, digest } = imageReferenceParts(image);
      if (digest !== undefined || (tag !== undefined && tag !== 'latest')) continue;
      yield {
        messageId: tag === undefined ? 'noTag' : 'latestTag',
        stage: stage.index,
        startLine: stage.from.startLine,
        endLine: stage.from.endLine,
        data: { image },
      };
    }
  },
};
