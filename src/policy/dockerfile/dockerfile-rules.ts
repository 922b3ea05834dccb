import type { DockerfileRule } from './dockerfile-rule.ts';
import { addRemoteUrl } from './rules/add-remote-url.ts';
import { healthcheck } from './rules/healthcheck.ts';
import { latestTag } from './rules/latest-tag.ts';
import { packageCache } from './rules/package-cache.ts';
import { pipeToShell } from './rules/pipe-to-shell.ts';
import { rootUser } from './rules/root-user.ts';
import { secretEnv } from './rules/secret-env.ts';
import { sshPort } from './rules/ssh-port.ts';
import { sudo } from './rules/sudo.ts';
import { unpinnedPackagesRule } from './rules/unpinned-packages.ts';

/** Every Dockerfile rule, in id order. An id is never reused; a retired rule leaves a gap. */
export const dockerfileRules: readonly DockerfileRule[] = [
  rootUser,
  latestTag,
  addRemoteUrl,
  pipeToShell,
  secretEnv,
  sudo,
  unpinnedPackagesRule,
  packageCache,
  sshPort,
  healthcheck,
];
