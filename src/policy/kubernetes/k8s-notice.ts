import type { ConfigSeverity } from '../../core/config-finding.ts';

export type K8sNoticeMessageId = 'missingReason' | 'unknownRule' | 'ruleError';

/**
 * BW-K8S-000: what the engine itself reports about an object: an ignore annotation it cannot
 * honour, or a rule that failed on odd input (the scan goes on). Not a check of the workload, so
 * it is INFO and no profile selects it: it appears whenever there is something to say.
 */
export const K8S_NOTICE = {
  id: 'BW-K8S-000',
  severity: 'INFO' satisfies ConfigSeverity,
  title: 'Bulwark annotation or rule problem',
  description:
    'Bulwark could not honour an ignore annotation on this object (no reason given, or an unknown ' +
    'rule id), or one of its rules failed on this object. The object was still checked by every ' +
    'other rule, and nothing was suppressed without a reason.',
  remediation:
    'Give a reason in the bulwark.dev/ignore-reason annotation next to bulwark.dev/ignore, and name ' +
    'rules by their ids (BW-K8S-003). For a rule failure, report it with the manifest.',
  references: [] as readonly string[],
  messages: {
    missingReason:
      'annotation bulwark.dev/ignore names {ids} but bulwark.dev/ignore-reason is missing or empty, so nothing is suppressed',
    unknownRule: 'annotation bulwark.dev/ignore names "{id}", which is not a Kubernetes rule id',
    ruleError: 'rule {ruleId} could not check this object: {error}',
  } satisfies Record<K8sNoticeMessageId, string>,
} as const;
