import type { DockerfileRule } from '../dockerfile-rule.ts';

type MessageId = 'remoteUrl' | 'gitRepository';

const URL = /^(?:https?|ftp):\/\//i;
const GIT = /^(?:git@[^:]+:|git:\/\/|ssh:\/\/git@)|\.git(?:#.*)?$/i;

/** BW-DF-003: ADD does not download from the network without a checksum. */
export const addRemoteUrl: DockerfileRule<MessageId> = {
  id: 'BW-DF-003',
  severity: 'MEDIUM',
  title: 'ADD downloads a remote URL',
  description:
    'ADD with a URL or a Git repository fetches whatever the server returns at build time, with no ' +
    'integrity check: a compromised or changed upstream ends up in the image unnoticed. An ADD with ' +
    '`--checksum=sha256:…` is verified by BuildKit and is not reported.',
  remediation:
    'Add `--checksum=sha256:<digest>` to the ADD, or download in a RUN step that verifies a known ' +
    'checksum or signature (`curl -fsSLo f.tgz URL && echo "<sha256>  f.tgz" | sha256sum -c -`).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#add',
    'https://docs.docker.com/reference/dockerfile/#add---checksum',
    'https://docs.docker.com/build/building/best-practices/#add-or-copy',
  ],
  messages: {
    remoteUrl: 'ADD downloads "{source}" without --checksum',
    gitRepository: 'ADD clones the Git repository "{source}" without --checksum',
  },
  *check(dockerfile) {
    for (const stage of dockerfile.stages)
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'ADD' || ins.flags.some((f) => f.name === 'checksum')) continue;
        for (const source of ins.words.slice(0, -1)) {
          const messageId =
            URL.test(source) && !GIT.test(source)
              ? 'remoteUrl'
              : GIT.test(source)
                ? 'gitRepository'
                : undefined;
          if (messageId)
            yield {
              messageId,
              stage: stage.index,
              startLine: ins.startLine,
              endLine: ins.endLine,
              data: { source },
            };
        }
      }
  },
};
