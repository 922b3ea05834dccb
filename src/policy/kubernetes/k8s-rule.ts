import type { ConfigSeverity } from '../../core/config-finding.ts';
import type { K8sObject } from './k8s-object.ts';

/** Which rule sets a rule belongs to; `--profile` selects (baseline ⊂ restricted). */
export type K8sProfile = 'baseline' | 'restricted' | 'best-practice' | 'rbac';

/** One failure of a rule on an object: a typed message id, the JSON path, template values. */
export interface K8sViolation<M extends string = string> {
  readonly messageId: M;
  /** Path inside the object: `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly path: string;
  /** Values for the message template's `{placeholders}` (container name, volume, path…). */
  readonly data?: Readonly<Record<string, string | number>>;
}

/**
 * A Kubernetes configuration rule: data with a stable id, plus one pure check. Registered in an
 * explicit list (pss-rules.ts, hardening-rules.ts, rbac-rules.ts → k8s-rules.ts), each in its own
 * file with a valid/invalid case table in its test.
 */
export interface K8sRule<M extends string = string> {
  /** Stable id: `BW-K8S-nnn`; never reused. */
  readonly id: string;
  readonly severity: ConfigSeverity;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  /** Documentation links, and the peers' ids for the same check (`KSV017`, `C-0057`, kubesec `Privileged`). */
  readonly references: readonly string[];
  readonly profiles: readonly K8sProfile[];
  /** Message templates by id, e.g. `{ privileged: 'container "{container}" is privileged' }`. */
  readonly messages: Readonly<Record<M, string>>;
  check(obj: K8sObject): Iterable<K8sViolation<M>>;
}
