import type { ImageInfo } from '../../core/image-info.ts';

/** One `NAME=value` of the config's Env, with its index for the finding's path. */
export interface ImageEnvVar {
  readonly name: string;
  readonly value: string;
  readonly index: number;
}

/** The parts of an image config the rules read, typed; whatever is malformed is left out. */
export interface ImageConfigView {
  readonly os: string;
  /** `User`, absent when missing or not a string. */
  readonly user?: string;
  readonly env: readonly ImageEnvVar[];
  /** Keys of `ExposedPorts`: `22/tcp`, `8080/tcp`. */
  readonly exposedPorts: readonly string[];
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reads the untrusted `config` section of an image config (OCI / Docker keys: User, Env, ExposedPorts…). */
export function imageConfigView(image: ImageInfo): ImageConfigView {
  const c = image.config;
  const env: ImageEnvVar[] = [];
  const rawEnv = Array.isArray(c.Env) ? c.Env : [];
  rawEnv.forEach((e, index) => {
    if (typeof e !== 'string') return;
    const eq = e.indexOf('=');
    env.push(
      eq === -1 ? { name: e, value: '', index } : { name: e.slice(0, eq), value: e.slice(eq + 1), index },
    );
  });
  const ports = c.ExposedPorts;
  return {
    os: image.platform.os,
    ...(typeof c.User === 'string' ? { user: c.User } : {}),
    env,
    exposedPorts:
      ports !== null && typeof ports === 'object' && !Array.isArray(ports) ? Object.keys(ports) : [],
    entrypoint: strings(c.Entrypoint),
    cmd: strings(c.Cmd),
  };
}
