import type { GateReport } from './gate/gate-report.ts';
import type { CompiledGateRule, GateViolation } from './gate/gate-rule.ts';

/** One rule of a release-gate policy, compiled (docs/gate-policy.md). */
export interface GateRule extends CompiledGateRule {
  /** `name:` from the policy, else the kind. */
  readonly name: string;
  readonly kind: string;
  /** Position in the policy's `rules:` list (0-based). */
  readonly index: number;
  /** The rule reads findings (GateRuleKind.readsFindings). */
  readonly readsFindings: boolean;
}

/** A parsed release-gate policy (parseGatePolicy). */
export interface GatePolicy {
  /** The file it was read from, for messages. */
  readonly source: string;
  readonly description?: string;
  readonly rules: readonly GateRule[];
}

export interface GateFailure {
  /** The rule's name. */
  readonly rule: string;
  readonly message: string;
  /** What made it fail, one line each: `CVE-2021-44228 in log4j-core 2.14.1 (CRITICAL, KEV)`. */
  readonly items: readonly string[];
}

export interface GateResult {
  readonly passed: boolean;
  /** Failed rules, in policy order. */
  readonly failures: readonly GateFailure[];
}

/**
 * Evaluates every rule of the policy against a report (a parsed Bulwark JSON report or an
 * in-memory ScanResult). Only unsuppressed findings (no VEX statement or ignore rule hides them)
 * count. A rule that reads findings fails when the report has no vulnerability results, so a
 * report that was never matched cannot pass a vulnerability gate. Pure; never throws.
 */
export function evaluateGate(policy: GatePolicy, report: GateReport): GateResult {
  const findings = report.vulnerabilities?.findings.filter((f) => f.suppressed === undefined);
  const failures: GateFailure[] = [];
  for (const rule of policy.rules) {
    let violation: GateViolation | undefined;
    if (findings === undefined && rule.readsFindings) {
      violation = {
        message:
          'the report has no vulnerability results (it was not matched against an advisory database), so this rule cannot pass',
        items: [],
      };
    } else {
      violation = rule.check({ findings: findings ?? [], packages: report.packages });
    }
    if (violation) failures.push({ rule: rule.name, message: violation.message, items: violation.items });
  }
  return { passed: failures.length === 0, failures };
}
