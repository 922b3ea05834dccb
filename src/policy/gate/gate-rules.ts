import type { GateRuleKind } from './gate-rule.ts';
import { denyRules } from './rules/deny-rules.ts';
import { epssThreshold } from './rules/epss-threshold.ts';
import { fixAvailable } from './rules/fix-available.ts';
import { kev } from './rules/kev.ts';
import { licenses } from './rules/licenses.ts';
import { maxConfigSeverity } from './rules/max-config-severity.ts';
import { maxFindings } from './rules/max-findings.ts';
import { maxMisconfigurations } from './rules/max-misconfigurations.ts';
import { maxSeverity } from './rules/max-severity.ts';

/** Every kind of gate rule, by the key that selects it in a policy. Add new kinds here. */
export const GATE_RULE_KINDS: ReadonlyMap<string, GateRuleKind> = new Map(
  [
    maxSeverity,
    kev,
    epssThreshold,
    fixAvailable,
    licenses,
    maxFindings,
    maxConfigSeverity,
    denyRules,
    maxMisconfigurations,
  ].map((k) => [k.kind, k]),
);
