import type { ConfigSeverity } from '../../core/config-finding.ts';
import type { Dockerfile } from './dockerfile.ts';

/** One failure of a rule in a Dockerfile: a typed message id, the stage and the lines concerned. */
export interface DockerfileViolation<M extends string = string> {
  readonly messageId: M;
  /** Index of the stage concerned, which the finding's resource names; absent for the global ARGs. */
  readonly stage?: number;
  /** 1-based lines of the offending instruction (continuations and heredocs included). */
  readonly startLine: number;
  readonly endLine: number;
  /** Values for the message template's `{placeholders}`. */
  readonly data?: Readonly<Record<string, string | number>>;
}

/**
 * A Dockerfile rule: data with a stable id, plus one pure check over the parsed file. Registered
 * in dockerfile-rules.ts, each in its own file under rules/ with a valid/invalid case table.
 */
export interface DockerfileRule<M extends string = string> {
  /** Stable id: `BW-DF-nnn`; never reused. */
  readonly id: string;
  readonly severity: ConfigSeverity;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  /** Documentation links, and the peers' ids for the same check (Trivy `DS002`, hadolint `DL3002`). */
  readonly references: readonly string[];
  /** Message templates by id, e.g. `{ rootUser: 'the last USER is "{user}"' }`. */
  readonly messages: Readonly<Record<M, string>>;
  check(dockerfile: Dockerfile): Iterable<DockerfileViolation<M>>;
}
