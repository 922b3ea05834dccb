import { isRecord } from '../../core/is-record.ts';
import { err, ok, type Result } from '../../core/result.ts';

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

/** The parts of an AdmissionReview v1 `request` the decision reads. */
export interface AdmissionRequest {
  readonly uid: string;
  /** `CREATE`, `UPDATE`, `DELETE`, `CONNECT`; undefined when the request does not say (treated as CREATE). */
  readonly operation?: string;
  /** The object's kind: `request.kind.kind`, else the object's own `kind`. */
  readonly kind: string;
  /** `apps/v1`, `v1`… from `request.kind`, else the object's `apiVersion`. */
  readonly apiVersion?: string;
  readonly namespace?: string;
  /** The object's name, or its `generateName` followed by `*`. */
  readonly name?: string;
  /** The object with `kind` and `apiVersion` filled in from the request when it lacks them; absent for DELETE. */
  readonly object?: Readonly<Record<string, unknown>>;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Operations whose request carries no new object to check. */
const NO_OBJECT_OPERATIONS = new Set(['DELETE', 'CONNECT']);

/**
 * Validates the shape of an AdmissionReview `admission.k8s.io/v1` (already JSON-parsed) and reads
 * its request. Errors are one sentence naming the field, for an HTTP 400: not an object, another
 * apiVersion or kind, no `request`, no `request.uid`, no `request.object` (except for DELETE and
 * CONNECT, which have none), no kind in either `request.kind` or the object.
 */
export function readAdmissionRequest(review: unknown): Result<AdmissionRequest> {
  if (!isRecord(review)) return err('the body is not an AdmissionReview: expected a JSON object');
  if (review.apiVersion !== ADMISSION_API_VERSION) {
    return err(
      `apiVersion must be ${ADMISSION_API_VERSION}, not ${JSON.stringify(review.apiVersion ?? null)} ` +
        '(set admissionReviewVersions: [v1] in the webhook configuration)',
    );
  }
  if (review.kind !== 'AdmissionReview') {
    return err(`kind must be AdmissionReview, not ${JSON.stringify(review.kind ?? null)}`);
  }
  const request = review.request;
  if (!isRecord(request)) return err('request is missing: an AdmissionReview to validate carries a request');
  const uid = str(request.uid);
  if (uid === undefined) return err('request.uid is missing or not a string');
  const operation = str(request.operation);
  const gvk = isRecord(request.kind) ? request.kind : {};

  if (operation !== undefined && NO_OBJECT_OPERATIONS.has(operation)) {
    const kind = str(gvk.kind) ?? 'object';
    const namespace = str(request.namespace);
    const name = str(request.name);
    return ok({
      uid,
      operation,
      kind,
      ...(namespace === undefined ? {} : { namespace }),
      ...(name === undefined ? {} : { name }),
    });
  }

  const object = request.object;
  if (object === undefined || object === null) {
    return err(`request.object is missing: ${operation ?? 'CREATE'} requests must carry the object to check`);
  }
  if (!isRecord(object)) return err('request.object is not a JSON object');
  const kind = str(gvk.kind) ?? str(object.kind);
  if (kind === undefined) return err('request.kind.kind is missing and request.object has no kind');
  const version = str(gvk.version);
  const group = str(gvk.group);
  const apiVersion =
    version === undefined ? str(object.apiVersion) : group === undefined ? version : `${group}/${version}`;
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const namespace = str(request.namespace) ?? str(metadata.namespace);
  const generated = str(metadata.generateName);
  const name =
    str(request.name) ?? str(metadata.name) ?? (generated === undefined ? undefined : `${generated}*`);
  // Real API servers always send kind and apiVersion; recorded requests often lack them, and the
  // rules select objects by kind.
  const filled: Record<string, unknown> = { ...object, kind: str(object.kind) ?? kind };
  if (str(object.apiVersion) === undefined && apiVersion !== undefined) filled.apiVersion = apiVersion;
  return ok({
    uid,
    kind,
    object: filled,
    ...(operation === undefined ? {} : { operation }),
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
  });
}
