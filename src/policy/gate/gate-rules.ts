import type { GateRuleKind } from './gate-rule.ts';
import { epssThreshold } from './rules/epss-threshold.ts';
import { fixAvailable } from './rules/fix-available.ts';
import { kev } from './rules/kev.ts';
import { licenses } from './rules/licenses.ts';
import { maxFindings } from './rules/max-findings.ts';
import { maxSeverity } from './rules/max-severity.ts';

/** Every kind of gate rule, by the key that selects it in a policy. Add new kinds here. */
export const GATE_RULE_KINDS: ReadonlyMap<string, GateRuleKind> = new Map(
  [maxSeverity, kev, epssThreshold, fixAvailable, licenses, maxFindings].map((k) => [k.kind, k]),
);
