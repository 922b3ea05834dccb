import type { Result } from '../../core/result.ts';
import type { GateFinding, GatePackage } from './gate-report.ts';

/** What a rule sees: the report's packages and its unsuppressed findings. */
export interface GateContext {
  /** Unsuppressed findings; undefined when the report has no vulnerability results at all. */
  readonly findings: readonly GateFinding[] | undefined;
  readonly packages: readonly GatePackage[];
}

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
  check(ctx: GateContext & { readonly findings: readonly GateFinding[] }): GateViolation | undefined;
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
  /**
   * Whether the rule reads findings. Such a rule fails when the report has no vulnerability
   * results: a gate must not pass a report that was never matched.
   */
  readonly readsFindings: boolean;
  /** Validates the kind's value and options; the error says what is wrong with which. */
  compile(value: unknown, options: Readonly<Record<string, unknown>>): Result<CompiledGateRule>;
}
