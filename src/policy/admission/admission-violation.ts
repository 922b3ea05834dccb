import type { ConfigFinding } from '../../core/config-finding.ts';

/** One failed check of an admission decision: a configuration rule or an image check. */
export interface AdmissionViolation {
  /** `BW-K8S-…` for configuration rules, `BW-ADM-…` for the webhook's image checks. */
  readonly ruleId: string;
  readonly title: string;
  readonly severity: string;
  /** What failed, naming the container, field or image. */
  readonly message: string;
  /** How to fix it. */
  readonly remediation: string;
  /** `deny` counts against admission in enforce mode; `warn` never does. */
  readonly action: 'deny' | 'warn';
  /** JSON path inside the object, for configuration findings. */
  readonly path?: string;
  /** The image concerned, for image checks. */
  readonly image?: string;
}

/** A configuration finding as a violation. */
export function configViolation(f: ConfigFinding): AdmissionViolation {
  return {
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    message: f.message,
    remediation: f.remediation,
    action: 'deny',
    ...(f.location.path === undefined ? {} : { path: f.location.path }),
  };
}
