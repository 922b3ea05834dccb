import { formatDenyMessage, formatWarnings } from './admission-message.ts';
import type { AdmissionMode } from './admission-policy.ts';
import { ADMISSION_API_VERSION, type AdmissionRequest } from './admission-request.ts';
import type { AdmissionViolation } from './admission-violation.ts';

/** What was decided and why: returned with every response, so `audit` mode can record it. */
export interface AdmissionDecision {
  readonly uid: string;
  readonly decidedAt: string;
  readonly mode: AdmissionMode;
  /** The policy's verdict: nothing failed, only warnings, or a denying check failed. */
  readonly verdict: 'allow' | 'warn' | 'deny';
  /** Whether the object is admitted: false only for a `deny` verdict in enforce mode. */
  readonly allowed: boolean;
  /** Why nothing was checked (exempt namespace, every image exempt, a DELETE). */
  readonly skipped?: string;
  readonly operation?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Distinct images of the object's containers, as written. */
  readonly images: readonly string[];
  readonly violations: readonly AdmissionViolation[];
}

/** The AdmissionReview `admission.k8s.io/v1` sent back to the API server. */
export interface AdmissionReviewV1 {
  readonly apiVersion: typeof ADMISSION_API_VERSION;
  readonly kind: 'AdmissionReview';
  readonly response: {
    readonly uid: string;
    readonly allowed: boolean;
    readonly status?: {
      readonly status: 'Failure';
      readonly code: number;
      readonly reason: string;
      readonly message: string;
    };
    readonly warnings?: readonly string[];
    readonly auditAnnotations?: Readonly<Record<string, string>>;
  };
}

/** A review answered, or the reason the input is not a usable AdmissionReview (→ HTTP 400). */
export type AdmissionReviewResponse =
  | { readonly ok: true; readonly review: AdmissionReviewV1; readonly decision: AdmissionDecision }
  | { readonly ok: false; readonly error: string };

function subjectOf(req: AdmissionRequest): string {
  const where = req.namespace === undefined ? (req.name ?? '') : `${req.namespace}/${req.name ?? ''}`;
  return where === '' ? req.kind : `${req.kind} ${where}`;
}

/**
 * The AdmissionReview sent back for a decision: the verdict from the violations, `allowed` from the
 * mode, a 403 status naming what failed (enforce), warnings (warn mode, and `warn` violations in
 * enforce mode), audit annotations whenever something failed.
 */
export function answer(
  req: AdmissionRequest,
  now: Date,
  d: Omit<AdmissionDecision, 'verdict' | 'allowed' | 'decidedAt'>,
): AdmissionReviewResponse {
  const denying = d.violations.filter((v) => v.action === 'deny');
  const verdict = denying.length > 0 ? 'deny' : d.violations.length > 0 ? 'warn' : 'allow';
  const allowed = !(d.mode === 'enforce' && verdict === 'deny');
  const decision: AdmissionDecision = { ...d, verdict, allowed, decidedAt: now.toISOString() };

  const warned =
    d.mode === 'audit'
      ? []
      : d.mode === 'warn'
        ? d.violations
        : d.violations.filter((v) => v.action === 'warn');
  const warnings = formatWarnings(warned);
  const response: AdmissionReviewV1['response'] = {
    uid: req.uid,
    allowed,
    ...(allowed
      ? {}
      : {
          status: {
            status: 'Failure',
            code: 403,
            reason: 'Forbidden',
            message: formatDenyMessage(subjectOf(req), denying),
          },
        }),
    ...(warnings.length === 0 ? {} : { warnings }),
    ...(d.violations.length === 0
      ? {}
      : {
          // Recorded in the API server's audit log under the webhook's name.
          auditAnnotations: {
            decision: verdict,
            mode: d.mode,
            violations: [...new Set(d.violations.map((v) => v.ruleId))].join(',').slice(0, 1000),
          },
        }),
  };
  return {
    ok: true,
    review: { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response },
    decision,
  };
}
