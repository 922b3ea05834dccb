import type { DockerfileRule } from '../dockerfile-rule.ts';
import { finalStages } from '../final-stages.ts';

type MessageId = 'noUser' | 'rootUser';

/** `root`, `0`, `root:group`, `0:0`: the user part names uid 0. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || /^0+$/.test(name);
}

/** BW-DF-001: the image's last USER is not root, and there is one. */
export const rootUser: DockerfileRule<MessageId> = {
  id: 'BW-DF-001',
  severity: 'HIGH',
  title: 'Image runs as root',
  description:
    'Without a USER instruction, or with `USER root` / `USER 0` as the last one, the container runs as ' +
    'uid 0: a compromise of the process is root inside the container, one kernel or runtime bug away ' +
    'from root on the node. Only the final stage counts (and the stages it is built on with ' +
    '`FROM <stage>`): builder stages may use root freely. A USER given by a variable whose value is ' +
    'unknown is not reported.',
  remediation:
    'Create an unprivileged user and switch to it at the end of the final stage, e.g. ' +
    '`RUN adduser -D -u 10001 app` then `USER 10001`.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#user',
    'https://docs.docker.com/build/building/best-practices/#user',
    'DS002',
    'DL3002',
  ],
  messages: {
    noUser: 'the final stage has no USER instruction, so the image runs as root',
    rootUser: 'the last USER of the final stage is "{user}" (root)',
  },
  *check(dockerfile) {
    const chain = finalStages(dockerfile);
    const last = chain[0];
    if (!last) return;
    for (const stage of chain) {
      const user = stage.instructions.findLast((i) => i.keyword === 'USER');
      if (!user) continue;
      const value = user.words[0] ?? '';
      if (user.unresolved.length === 0 && isRootUser(value))
        yield {
          messageId: 'rootUser',
          stage: stage.index,
          startLine: user.startLine,
          endLine: user.endLine,
          data: { user: value },
        };
      return;
    }
    yield {
      messageId: 'noUser',
      stage: last.index,
      startLine: last.from.startLine,
      endLine: last.from.endLine,
    };
  },
};
