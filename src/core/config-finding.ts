import type { Suppression } from './finding.ts';

/** Severity of a configuration finding, highest first; INFO is advice (e.g. "pin by digest"). */
export const CONFIG_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
export type ConfigSeverity = (typeof CONFIG_SEVERITIES)[number];

/** Where in a file: 1-based lines, and the JSON path of the offending field when there is one. */
export interface ConfigLocation {
  /** Path of the file as given or relative to the scanned directory; `<admission>` for a review. */
  readonly file: string;
  readonly startLine?: number;
  readonly endLine?: number;
  /** JSONPath-like path inside the object: `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly path?: string;
}

/** The object a finding is about: a Kubernetes object, a Dockerfile (stage), an image config. */
export interface ConfigResource {
  /** `Pod`, `Deployment`, `ClusterRoleBinding`…, or `Dockerfile`, `ImageConfig`. */
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly apiVersion?: string;
}

/**
 * One failed configuration check (issue "Configuration checks and the two gates"). Part of the
 * documented JSON output (`misconfigurations`), read by the release gate and the admission webhook.
 */
export interface ConfigFinding {
  /** Stable rule id, e.g. `BW-K8S-001`; never reused for another meaning. */
  readonly ruleId: string;
  /** Typed message id within the rule (`privileged`, `hostPathRoot`…), stable for tooling. */
  readonly messageId: string;
  readonly severity: ConfigSeverity;
  readonly title: string;
  /** The rendered message, naming the container, volume or field concerned. */
  readonly message: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly resource: ConfigResource;
  readonly location: ConfigLocation;
  /** Set when an annotation (`bulwark.dev/ignore`) or an ignore rule hides it; it is still reported. */
  readonly suppressed?: Suppression;
}
