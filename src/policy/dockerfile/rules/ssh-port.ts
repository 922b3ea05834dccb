import type { DockerfileRule } from '../dockerfile-rule.ts';
import { finalStages } from '../final-stages.ts';

type MessageId = 'sshPort';

/** True when an EXPOSE port spec (`22`, `22/tcp`, `20-30/udp`) includes port 22. */
export function exposesPort22(spec: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/[a-z]+)?$/i.exec(spec.trim());
  if (!m) return false;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= 22 && 22 <= to;
}

/** BW-DF-009: the image does not expose SSH. */
export const sshPort: DockerfileRule<MessageId> = {
  id: 'BW-DF-009',
  severity: 'MEDIUM',
  title: 'Port 22 (SSH) exposed',
  description:
    'EXPOSE 22 means an SSH server in the container: another way in, with its own credentials to ' +
    'manage, and a sign the container is being treated as a virtual machine. Ranges that include 22 ' +
    'count. Only the final stage and the stages it is built on are checked.',
  remediation:
    'Remove the SSH server and `EXPOSE 22`; use `kubectl exec` or `docker exec` to get into a container ' +
    'when you must.',
  references: ['https://docs.docker.com/reference/dockerfile/#expose', 'DS004'],
  messages: { sshPort: 'EXPOSE {port} opens the SSH port' },
  *check(dockerfile) {
    for (const stage of finalStages(dockerfile))
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'EXPOSE') continue;
        const port = ins.words.find(exposesPort22);
        if (port !== undefined)
          yield {
            messageId: 'sshPort',
            stage: stage.index,
            startLine: ins.startLine,
            endLine: ins.endLine,
            data: { port },
          };
      }
  },
};
