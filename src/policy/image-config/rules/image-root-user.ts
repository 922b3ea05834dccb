import { isRootUser } from '../../dockerfile/rules/root-user.ts';
import type { ImageConfigRule } from '../image-config-rule.ts';
import type { ImageConfigView } from '../image-config-view.ts';

type MessageId = 'noUser' | 'rootUser';

/** What the container runs, for the message: Entrypoint then Cmd, or `its default command`. */
function command(c: ImageConfigView): string {
  const words = [...c.entrypoint, ...c.cmd];
  return words.length === 0 ? 'its default command' : `"${words.join(' ')}"`;
}

/** BW-IMG-001: the image's config names a user other than root. */
export const imageRootUser: ImageConfigRule<MessageId> = {
  id: 'BW-IMG-001',
  severity: 'HIGH',
  title: 'Image runs as root',
  description:
    'An image config without a User, or with `root` / `0`, starts its process as uid 0 unless the ' +
    'runtime overrides it: a compromise of the process is root in the container. On Windows images ' +
    'only an explicit `ContainerAdministrator` is reported, since the default user depends on the base.',
  remediation:
    'Rebuild the image with a non-root USER at the end of its Dockerfile, or run it with a non-root ' +
    'user (`runAsNonRoot` and `runAsUser` in Kubernetes, `docker run --user`).',
  references: [
    'https://github.com/opencontainers/image-spec/blob/main/config.md#properties',
    'https://docs.docker.com/reference/dockerfile/#user',
    'DS002',
    'DL3002',
  ],
  messages: {
    noUser: 'the image config has no User, so the image runs {command} as root',
    rootUser: 'the image config runs {command} as User "{user}" (root)',
  },
  *check(c) {
    const user = c.user?.trim() ?? '';
    if (c.os === 'windows') {
      if (user.toLowerCase() === 'containeradministrator')
        yield { messageId: 'rootUser', path: 'config.User', data: { user, command: command(c) } };
      return;
    }
    if (user === '') yield { messageId: 'noUser', path: 'config.User', data: { command: command(c) } };
    else if (isRootUser(user))
      yield { messageId: 'rootUser', path: 'config.User', data: { user, command: command(c) } };
  },
};
