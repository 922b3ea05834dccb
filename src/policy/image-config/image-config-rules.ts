import type { ImageConfigRule } from './image-config-rule.ts';
import { imageRootUser } from './rules/image-root-user.ts';
import { imageSecretEnv } from './rules/image-secret-env.ts';
import { imageSshPort } from './rules/image-ssh-port.ts';

/** Every image-config rule, in id order. An id is never reused. */
export const imageConfigRules: readonly ImageConfigRule[] = [imageRootUser, imageSecretEnv, imageSshPort];
