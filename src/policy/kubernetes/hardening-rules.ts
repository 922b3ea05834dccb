import type { K8sRule } from './k8s-rule.ts';
import { containerRuntimeSocket } from './rules/hardening/container-runtime-socket.ts';
import { cpuResources } from './rules/hardening/cpu-resources.ts';
import { hostRootMount } from './rules/hardening/host-root-mount.ts';
import { imageDigest } from './rules/hardening/image-digest.ts';
import { imageTagLatest } from './rules/hardening/image-tag-latest.ts';
import { livenessProbe } from './rules/hardening/liveness-probe.ts';
import { memoryResources } from './rules/hardening/memory-resources.ts';
import { readOnlyRootFilesystem } from './rules/hardening/read-only-root-filesystem.ts';
import { readinessProbe } from './rules/hardening/readiness-probe.ts';
import { secretEnvLiteral } from './rules/hardening/secret-env-literal.ts';
import { sensitiveHostPath } from './rules/hardening/sensitive-host-path.ts';
import { serviceAccountToken } from './rules/hardening/service-account-token.ts';
import { serviceExposure } from './rules/hardening/service-exposure.ts';

/** Best-practice and hardening rules (profile `best-practice`), ids BW-K8S-1nn, in id order. */
export const HARDENING_RULES: readonly K8sRule[] = [
  cpuResources,
  memoryResources,
  imageTagLatest,
  imageDigest,
  readOnlyRootFilesystem,
  serviceAccountToken,
  secretEnvLiteral,
  containerRuntimeSocket,
  hostRootMount,
  sensitiveHostPath,
  livenessProbe,
  readinessProbe,
  serviceExposure,
];
