/** One Kubernetes object read from a manifest (or an AdmissionReview), with where it came from. */
export interface K8sObject {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** The object as parsed (plain JSON values). */
  readonly raw: Readonly<Record<string, unknown>>;
  /** File it was read from (`<admission>` for a review) and its document index in that file. */
  readonly file: string;
  readonly docIndex: number;
  /**
   * 1-based line of the value at a path inside this object (`spec.containers[0].image`), or of the
   * nearest ancestor that has one; undefined for objects that did not come from text.
   */
  lineOf(path: string): number | undefined;
}
