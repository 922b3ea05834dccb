import type { Result } from '../../core/result.ts';
import type { GateConfigFinding, GateFinding, GatePackage } from './gate-report.ts';

/** What a rule sees: the report's packages and its unsuppressed findings of either kind. */
export interface GateContext {
  /** Unsuppressed vulnerability findings (empty when the report has none: see GateRuleKind.reads). */
  readonly findings: readonly GateFinding[];
  /** Unsuppressed configuration findings (empty when the report has none: see GateRuleKind.reads). */
  readonly misconfigurations: readonly GateConfigFinding[];
  readonly packages: readonly GatePackage[];
}

/**
 * The part of a report a rule judges. A rule that reads `findings` or `misconfigurations` fails on
 * a report without that section: a gate must not pass a report whose checks never ran.
 */
export type GateInput = 'findings' | 'misconfigurations' | 'packages';

/** A failed rule: one line of explanation and the offending items (findings, packages). */
export interface GateViolation {
  readonly message: string;
  readonly items: readonly string[];
}

/** A rule as compiled from the policy: its settings (for display) and its check. */
export interface CompiledGateRule {
  /** The rule's value and options after validation, e.g. `{ severity: 'HIGH', fixableOnly: true }`. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** undefined when the rule passes. */
  check(ctx: GateContext): GateViolation | undefined;
}

/**
 * One kind of gate rule (`max-severity`, `kev`…): one file per kind under `rules/`, named after
 * the kind, listed in gate-rules.ts and documented in docs/gate-policy.md.
 */
export interface GateRuleKind {
  /** The key that selects the kind in a policy entry: `- max-severity: HIGH`. */
  readonly kind: string;
  /** Other keys the entry may have besides `name` (e.g. `fixable-only`). */
  readonly options: readonly string[];
  /** What the rule judges; see GateInput. */
  readonly reads: GateInput;
  /** Validates the kind's value and options; the error says what is wrong with which. */
  compile(value: unknown, options: Readonly<Record<string, unknown>>): Result<CompiledGateRule>;
}
