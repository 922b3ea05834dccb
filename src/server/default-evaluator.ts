import type { ConfigFinding } from '../core/config-finding.ts';
import { isRecord } from '../core/is-record.ts';
import type { AdmissionProfile } from '../policy/admission/admission-policy.ts';
import type { ConfigEvaluator } from '../policy/admission/review-admission.ts';
import { checkK8sObjects } from '../policy/kubernetes/check-k8s-objects.ts';
import { HARDENING_RULES } from '../policy/kubernetes/hardening-rules.ts';
import type { K8sObject } from '../policy/kubernetes/k8s-object.ts';
import type { K8sRule } from '../policy/kubernetes/k8s-rule.ts';
import { PSS_RULES } from '../policy/kubernetes/pss-rules.ts';
import { RBAC_RULES } from '../policy/kubernetes/rbac-rules.ts';

/** The file name findings of a review carry (ConfigLocation.file). */
export const ADMISSION_FILE = '<admission>';

const ALL_RULES: readonly K8sRule[] = [...PSS_RULES, ...HARDENING_RULES, ...RBAC_RULES];

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * A review's object as a K8sObject. Built directly rather than through parseK8sText: the object is
 * already JSON, and a review has no lines to point at.
 */
export function admissionObject(raw: Readonly<Record<string, unknown>>, namespace?: string): K8sObject {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const annotations: Record<string, string> = {};
  if (isRecord(metadata.annotations)) {
    for (const [k, v] of Object.entries(metadata.annotations)) {
      if (typeof v === 'string') annotations[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') annotations[k] = String(v);
    }
  }
  const apiVersion = str(raw.apiVersion);
  const name = str(metadata.name);
  const ns = namespace ?? str(metadata.namespace);
  return {
    kind: str(raw.kind) ?? '',
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(name === undefined ? {} : { name }),
    ...(ns === undefined ? {} : { namespace: ns }),
    annotations,
    raw,
    file: ADMISSION_FILE,
    docIndex: 0,
    lineOf: () => undefined,
  };
}

/**
 * The real Kubernetes rules (Pod Security Standards at `profile`, best-practice, RBAC) as the
 * webhook's evaluator. `bulwark.dev/ignore` annotations suppress findings as in `bulwark config`.
 */
export function defaultEvaluator(profile: AdmissionProfile): ConfigEvaluator {
  return (object, namespace): readonly ConfigFinding[] =>
    checkK8sObjects([admissionObject(object, namespace)], ALL_RULES, { profile });
}
