import type { K8sRule } from './k8s-rule.ts';
import { appArmorRule } from './rules/pss/apparmor.ts';
import { capabilitiesBaselineRule } from './rules/pss/capabilities-baseline.ts';
import { capabilitiesRestrictedRule } from './rules/pss/capabilities-restricted.ts';
import { hostNamespacesRule } from './rules/pss/host-namespaces.ts';
import { hostPathVolumesRule } from './rules/pss/host-path-volumes.ts';
import { hostPortsRule } from './rules/pss/host-ports.ts';
import { hostProbesRule } from './rules/pss/host-probes.ts';
import { hostProcessRule } from './rules/pss/host-process.ts';
import { privilegeEscalationRule } from './rules/pss/privilege-escalation.ts';
import { privilegedRule } from './rules/pss/privileged.ts';
import { procMountRule } from './rules/pss/proc-mount.ts';
import { runAsNonRootRule } from './rules/pss/run-as-non-root.ts';
import { runAsUserRule } from './rules/pss/run-as-user.ts';
import { seccompBaselineRule } from './rules/pss/seccomp-baseline.ts';
import { seccompRestrictedRule } from './rules/pss/seccomp-restricted.ts';
import { seLinuxRule } from './rules/pss/selinux.ts';
import { sysctlsRule } from './rules/pss/sysctls.ts';
import { volumeTypesRule } from './rules/pss/volume-types.ts';

/**
 * The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * one rule per control, Baseline then Restricted. Where a Restricted control tightens a Baseline
 * one (volume types, seccomp, capabilities) the Restricted rule reports only what Baseline allows,
 * so the two never report the same field twice under `--profile restricted`.
 */
export const PSS_RULES: readonly K8sRule[] = [
  // Baseline
  hostProcessRule,
  hostNamespacesRule,
  privilegedRule,
  capabilitiesBaselineRule,
  hostPathVolumesRule,
  hostPortsRule,
  hostProbesRule,
  appArmorRule,
  seLinuxRule,
  procMountRule,
  seccompBaselineRule,
  sysctlsRule,
  // Restricted
  volumeTypesRule,
  privilegeEscalationRule,
  runAsNonRootRule,
  runAsUserRule,
  seccompRestrictedRule,
  capabilitiesRestrictedRule,
];
