import type { DockerfileRule } from '../dockerfile-rule.ts';
import { runCommands } from '../run-commands.ts';
import { allCommands, programName, unwrapChain } from '../shell-commands.ts';

type MessageId = 'sudo';

/** BW-DF-006: RUN does not use sudo. */
export const sudo: DockerfileRule<MessageId> = {
  id: 'BW-DF-006',
  severity: 'MEDIUM',
  title: 'RUN uses sudo',
  description:
    'A build step that needs sudo already runs as a user who should not have it: sudo in the image is a ' +
    'ready-made privilege escalation for anyone who gets a shell in the container, and it behaves ' +
    'unpredictably without a TTY. Switch users with USER instead.',
  remediation:
    'Run the privileged steps before the USER instruction (or with `USER root` … `USER app` around ' +
    'them), and do not install sudo in the image.',
  references: ['https://docs.docker.com/build/building/best-practices/#user', 'DS010', 'DL3004'],
  messages: { sudo: 'RUN calls {program}' },
  *check(dockerfile) {
    for (const stage of dockerfile.stages)
      for (const ins of stage.instructions) {
        const used = allCommands(runCommands(ins))
          .flatMap((c) => [...unwrapChain(c.words).wrappers, programName(c.words[0])])
          .find((p) => p === 'sudo' || p === 'doas');
        if (used)
          yield {
            messageId: 'sudo',
            stage: stage.index,
            startLine: ins.startLine,
            endLine: ins.endLine,
            data: { program: used },
          };
      }
  },
};
