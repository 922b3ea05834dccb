import type { ConfigSeverity } from '../../core/config-finding.ts';
import type { ImageConfigView } from './image-config-view.ts';

/** One failure of a rule on an image config: a typed message id, the config field, template values. */
export interface ImageConfigViolation<M extends string = string> {
  readonly messageId: M;
  /** Path of the field in the image config: `config.User`, `config.Env[3]`, `config.ExposedPorts["22/tcp"]`. */
  readonly path: string;
  readonly data?: Readonly<Record<string, string | number>>;
}

/**
 * A rule over an image's own config (what `docker inspect` shows), for images scanned without
 * their Dockerfile. Registered in image-config-rules.ts; ids `BW-IMG-nnn`, never reused.
 */
export interface ImageConfigRule<M extends string = string> {
  readonly id: string;
  readonly severity: ConfigSeverity;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly messages: Readonly<Record<M, string>>;
  check(config: ImageConfigView): Iterable<ImageConfigViolation<M>>;
}
