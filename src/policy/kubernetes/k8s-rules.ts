import { HARDENING_RULES } from './hardening-rules.ts';
import type { K8sRule } from './k8s-rule.ts';
import { PSS_RULES } from './pss-rules.ts';
import { RBAC_RULES } from './rbac-rules.ts';

/** Every Kubernetes rule, in id order within each set; profiles select among them. */
export const K8S_RULES: readonly K8sRule[] = [...PSS_RULES, ...HARDENING_RULES, ...RBAC_RULES];
