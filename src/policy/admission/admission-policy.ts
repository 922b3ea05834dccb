import type { ConfigSeverity } from '../../core/config-finding.ts';
import type { Severity } from '../../core/finding.ts';
import type { K8sProfile } from '../kubernetes/k8s-rule.ts';

/** What a failed check does: `enforce` denies, `warn` admits with warnings, `audit` admits silently. */
export const ADMISSION_MODES = ['enforce', 'warn', 'audit'] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

/** The Pod Security Standards level the configuration rules are evaluated at. */
export const ADMISSION_PROFILES = ['baseline', 'restricted'] as const satisfies readonly K8sProfile[];
export type AdmissionProfile = (typeof ADMISSION_PROFILES)[number];

/** What happens to an image with no saved scan. */
export const UNSCANNED_ACTIONS = ['allow', 'warn', 'deny'] as const;
export type UnscannedAction = (typeof UNSCANNED_ACTIONS)[number];

/**
 * The admission webhook's policy (docs: `bulwark server --policy`), parsed by parseAdmissionPolicy.
 * A check that fails produces a violation; `mode` decides what a violation does.
 */
export interface AdmissionPolicy {
  /** The file it was read from, or `<default>`. */
  readonly source: string;
  readonly mode: AdmissionMode;
  readonly profile: AdmissionProfile;
  /** Configuration findings at or above this severity are violations; undefined: no config checks. */
  readonly configSeverity?: ConfigSeverity;
  /** Any finding listed in CISA KEV in an image is a violation. */
  readonly denyKev: boolean;
  /** Findings at or above this severity that have a fixed version are violations; undefined: off. */
  readonly fixableSeverity?: Severity;
  readonly unscanned: UnscannedAction;
  /** Namespace names or `*` globs admitted without any check. */
  readonly exemptNamespaces: readonly string[];
  /** Image globs (`registry.k8s.io/*`) or prefixes ending in `/`: not looked up, their containers not checked. */
  readonly exemptImages: readonly string[];
}

/** The policy used without `--policy`: baseline rules, deny HIGH+ misconfigurations, KEV and fixable CRITICAL. */
export const DEFAULT_ADMISSION_POLICY: AdmissionPolicy = {
  source: '<default>',
  mode: 'enforce',
  profile: 'baseline',
  configSeverity: 'HIGH',
  denyKev: true,
  fixableSeverity: 'CRITICAL',
  // Denying unscanned images on day one would block every workload until all are scanned.
  unscanned: 'warn',
  exemptNamespaces: ['kube-system'],
  exemptImages: [],
};
