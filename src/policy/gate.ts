import type { GateReport } from './gate/gate-report.ts';
import type { CompiledGateRule, GateInput, GateViolation } from './gate/gate-rule.ts';

/** One rule of a release-gate policy, compiled (docs/gate-policy.md). */
export interface GateRule extends CompiledGateRule {
  /** `name:` from the policy, else the kind. */
  readonly name: string;
  readonly kind: string;
  /** Position in the policy's `rules:` list (0-based). */
  readonly index: number;
  /** What the rule judges (GateRuleKind.reads). */
  readonly reads: GateInput;
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
  /**
   * What made it fail, one line each: `CVE-2021-44228 in log4j-core 2.14.1 (CRITICAL, KEV)`,
   * `BW-K8S-014 (CRITICAL) Pod/default/attacker: hostPath volume "host" mounts the host's / — deploy/pod.yaml:12`.
   */
  readonly items: readonly string[];
}

export interface GateResult {
  readonly passed: boolean;
  /** Failed rules, in policy order. */
  readonly failures: readonly GateFailure[];
}

/** Why a rule cannot pass a report that lacks the section it reads. */
const MISSING: Readonly<Record<Exclude<GateInput, 'packages'>, string>> = {
  findings:
    'the report has no vulnerability results (it was not matched against an advisory database), so this rule cannot pass',
  misconfigurations:
    'the report has no configuration results (no configuration checks ran), so this rule cannot pass',
};

/**
 * Evaluates every rule of the policy against a report (a parsed Bulwark JSON report or an
 * in-memory ScanResult). Only unsuppressed findings and misconfigurations (no VEX statement, ignore
 * rule or annotation hides them) count. A rule that reads vulnerability findings fails when the
 * report has no vulnerability results, and one that reads misconfigurations fails when it has no
 * configuration results, so a report whose checks never ran cannot pass. Pure; never throws.
 */
export function evaluateGate(policy: GatePolicy, report: GateReport): GateResult {
  const findings = report.vulnerabilities?.findings.filter((f) => f.suppressed === undefined);
  const misconfigurations = report.misconfigurations?.filter((f) => f.suppressed === undefined);
  const failures: GateFailure[] = [];
  for (const rule of policy.rules) {
    let violation: GateViolation | undefined;
    if (rule.reads === 'findings' && findings === undefined) {
      violation = { message: MISSING.findings, items: [] };
    } else if (rule.reads === 'misconfigurations' && misconfigurations === undefined) {
      violation = { message: MISSING.misconfigurations, items: [] };
    } else {
      violation = rule.check({
        findings: findings ?? [],
        misconfigurations: misconfigurations ?? [],
        packages: report.packages,
      });
    }
    if (violation) failures.push({ rule: rule.name, message: violation.message, items: violation.items });
  }
  return { passed: failures.length === 0, failures };
}
