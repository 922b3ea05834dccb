import type { K8sObject } from './k8s-object.ts';

/** Annotation naming the rule ids to suppress on this object: `"BW-K8S-003,BW-K8S-005"`. */
export const IGNORE_ANNOTATION = 'bulwark.dev/ignore';
/** Why they are suppressed; required, or nothing is suppressed. */
export const IGNORE_REASON_ANNOTATION = 'bulwark.dev/ignore-reason';

/** What an object's ignore annotations ask for. */
export interface IgnoreRequest {
  /** Rule ids named, upper-cased, in order, without duplicates. */
  readonly ruleIds: readonly string[];
  /** The reason given, trimmed; undefined when missing or blank. */
  readonly reason: string | undefined;
}

/**
 * Reads `bulwark.dev/ignore` (ids separated by commas or spaces) and `bulwark.dev/ignore-reason`
 * from the object's own annotations (for a workload, not its pod template's); undefined when the
 * object has no ignore annotation or it names no id.
 */
export function readIgnoreAnnotation(obj: Pick<K8sObject, 'annotations'>): IgnoreRequest | undefined {
  const raw = obj.annotations[IGNORE_ANNOTATION];
  if (raw === undefined) return undefined;
  const ruleIds = [
    ...new Set(
      raw
        .split(/[\s,]+/)
        .map((s) => s.trim().toUpperCase())
        .filter((s) => s !== ''),
    ),
  ];
  if (ruleIds.length === 0) return undefined;
  const reason = obj.annotations[IGNORE_REASON_ANNOTATION]?.trim();
  return { ruleIds, reason: reason === undefined || reason === '' ? undefined : reason };
}
