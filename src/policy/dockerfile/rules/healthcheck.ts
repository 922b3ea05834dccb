import type { DockerfileRule } from '../dockerfile-rule.ts';
import { finalStages } from '../final-stages.ts';

type MessageId = 'missing' | 'disabled';

/** BW-DF-010: the image says how to tell whether it is healthy. */
export const healthcheck: DockerfileRule<MessageId> = {
  id: 'BW-DF-010',
  severity: 'LOW',
  title: 'No HEALTHCHECK',
  description:
    'Without a HEALTHCHECK, Docker and Swarm only know whether the process is running, not whether it ' +
    'works: a hung server stays in service. The last HEALTHCHECK of the final stage (or of the stages it ' +
    "is built on) counts; `HEALTHCHECK NONE` turns the base image's check off and is reported too. A " +
    "base image's own HEALTHCHECK cannot be seen here. In Kubernetes, probes play this part.",
  remediation:
    'Add `HEALTHCHECK --interval=30s --timeout=3s CMD <a command that fails when the service is not ' +
    'healthy>`, or define liveness and readiness probes where the image is deployed.',
  references: ['https://docs.docker.com/reference/dockerfile/#healthcheck', 'DS026'],
  messages: {
    missing: 'the final stage has no HEALTHCHECK instruction',
    disabled: 'HEALTHCHECK NONE disables the health check',
  },
  *check(dockerfile) {
    const chain = finalStages(dockerfile);
    const last = chain[0];
    if (!last) return;
    for (const stage of chain) {
      const hc = stage.instructions.findLast((i) => i.keyword === 'HEALTHCHECK');
      if (!hc) continue;
      if (hc.words[0]?.toUpperCase() === 'NONE')
        yield { messageId: 'disabled', stage: stage.index, startLine: hc.startLine, endLine: hc.endLine };
      return;
    }
    yield {
      messageId: 'missing',
      stage: last.index,
      startLine: last.from.startLine,
      endLine: last.from.endLine,
    };
  },
};
