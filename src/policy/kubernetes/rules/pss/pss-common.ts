import { isRecord } from '../../../../core/is-record.ts';

/** The Pod Security Standards page, at the table of each level's controls. */
export const PSS_BASELINE = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline';
export const PSS_RESTRICTED =
  'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted';

/**
 * True for a pod that declares `spec.os.name: windows`. Since Kubernetes 1.25 the Restricted
 * level's Linux-only controls (privilege escalation, seccomp, capabilities) do not apply to it.
 */
export function isWindowsPod(podSpec: Readonly<Record<string, unknown>>): boolean {
  return isRecord(podSpec.os) && podSpec.os.name === 'windows';
}

/** A field's value as text for a message: strings as they are, anything else as JSON. */
export function shown(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
}
