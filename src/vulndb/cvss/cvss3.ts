import { err, ok, type Result } from '../../core/result.ts';
import { type CvssSeverity, severityRating } from './severity-rating.ts';
import { type CvssMetrics, type MetricValues, parseMetrics, weight } from './vector-metrics.ts';

/** A scored CVSS v3.0 or v3.1 vector (FIRST specification documents, section 7 / 8). */
export interface Cvss3Score {
  readonly version: '3.0' | '3.1';
  readonly vector: string;
  readonly metrics: CvssMetrics;
  readonly baseScore: number;
  readonly severity: CvssSeverity;
  readonly impactSubscore: number;
  readonly exploitabilitySubscore: number;
  /** Equals baseScore when no temporal metric is set. */
  readonly temporalScore: number;
  /** Computed with every unset environmental metric as Not Defined, as the FIRST calculator does. */
  readonly environmentalScore: number;
}

const IMPACT_VALUES = ['H', 'L', 'N'];
const BASE: MetricValues = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: IMPACT_VALUES,
  I: IMPACT_VALUES,
  A: IMPACT_VALUES,
};
const REQUIREMENT_VALUES = ['X', 'H', 'M', 'L'];
const ALLOWED: MetricValues = {
  ...BASE,
  E: ['X', 'H', 'F', 'P', 'U'],
  RL: ['X', 'U', 'W', 'T', 'O'],
  RC: ['X', 'C', 'R', 'U'],
  CR: REQUIREMENT_VALUES,
  IR: REQUIREMENT_VALUES,
  AR: REQUIREMENT_VALUES,
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: ['X', ...IMPACT_VALUES],
  MI: ['X', ...IMPACT_VALUES],
  MA: ['X', ...IMPACT_VALUES],
};
const MANDATORY = Object.keys(BASE);

const ATTACK_VECTOR = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const ATTACK_COMPLEXITY = { L: 0.77, H: 0.44 };
const PRIVILEGES_UNCHANGED = { N: 0.85, L: 0.62, H: 0.27 };
const PRIVILEGES_CHANGED = { N: 0.85, L: 0.68, H: 0.5 };
const USER_INTERACTION = { N: 0.85, R: 0.62 };
const CIA = { H: 0.56, L: 0.22, N: 0 };
const EXPLOIT_MATURITY = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 };
const REMEDIATION_LEVEL = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 };
const REPORT_CONFIDENCE = { X: 1, C: 1, R: 0.96, U: 0.92 };
const REQUIREMENT = { X: 1, H: 1.5, M: 1, L: 0.5 };

/**
 * CVSS v3.1 Roundup (specification Appendix A): the smallest one-decimal number ≥ the input,
 * computed on integers so that e.g. 4.000000001 (binary noise on 4.0) does not become 4.1.
 */
export function roundup31(value: number): number {
  const scaled = Math.round(value * 100000);
  if (scaled % 10000 === 0) return scaled / 100000;
  return (Math.floor(scaled / 10000) + 1) / 10;
}

/** CVSS v3.0 round_up: the plain ceiling to one decimal the 3.0 specification defines. */
export function roundup30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

interface ExploitImpact {
  readonly impact: number;
  readonly exploitability: number;
  readonly changed: boolean;
}

function exploitability(av: string, ac: string, pr: string, ui: string, changed: boolean): number {
  const privileges = changed ? PRIVILEGES_CHANGED : PRIVILEGES_UNCHANGED;
  return (
    8.22 *
    weight(ATTACK_VECTOR, av) *
    weight(ATTACK_COMPLEXITY, ac) *
    weight(privileges, pr) *
    weight(USER_INTERACTION, ui)
  );
}

function combine({ impact, exploitability, changed }: ExploitImpact, roundup: (x: number) => number): number {
  if (impact <= 0) return 0;
  return roundup(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** Scores the metrics of a parsed v3.0 / v3.1 vector. */
export function scoreCvss3(version: '3.0' | '3.1', vector: string, metrics: CvssMetrics): Cvss3Score {
  const roundup = version === '3.1' ? roundup31 : roundup30;
  const m = (name: string): string => metrics[name] ?? 'X';
  /** A modified metric, falling back to its base value when Not Defined. */
  const mod = (name: string): string => {
    const value = m(`M${name}`);
    return value === 'X' ? m(name) : value;
  };

  const changed = m('S') === 'C';
  const iss = 1 - (1 - weight(CIA, m('C'))) * (1 - weight(CIA, m('I'))) * (1 - weight(CIA, m('A')));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const base: ExploitImpact = {
    impact,
    exploitability: exploitability(m('AV'), m('AC'), m('PR'), m('UI'), changed),
    changed,
  };
  const baseScore = combine(base, roundup);

  const temporalFactor =
    weight(EXPLOIT_MATURITY, m('E')) *
    weight(REMEDIATION_LEVEL, m('RL')) *
    weight(REPORT_CONFIDENCE, m('RC'));
  const temporalScore = roundup(baseScore * temporalFactor);

  const modChanged = mod('S') === 'C';
  const miss = Math.min(
    1 -
      (1 - weight(REQUIREMENT, m('CR')) * weight(CIA, mod('C'))) *
        (1 - weight(REQUIREMENT, m('IR')) * weight(CIA, mod('I'))) *
        (1 - weight(REQUIREMENT, m('AR')) * weight(CIA, mod('A'))),
    0.915,
  );
  let modImpact = 6.42 * miss;
  if (modChanged) {
    // 3.1 changed the last term of the scope-changed modified impact (specification 7.3).
    modImpact =
      version === '3.1'
        ? 7.52 * (miss - 0.029) - 3.25 * (miss * 0.9731 - 0.02) ** 13
        : 7.52 * (miss - 0.029) - 3.25 * (miss - 0.02) ** 15;
  }
  const modified: ExploitImpact = {
    impact: modImpact,
    exploitability: exploitability(mod('AV'), mod('AC'), mod('PR'), mod('UI'), modChanged),
    changed: modChanged,
  };
  const environmentalScore = modImpact <= 0 ? 0 : roundup(combine(modified, roundup) * temporalFactor);

  return {
    version,
    vector,
    metrics,
    baseScore,
    severity: severityRating(baseScore, version),
    impactSubscore: Math.round(impact * 10) / 10,
    exploitabilitySubscore: Math.round(base.exploitability * 10) / 10,
    temporalScore,
    environmentalScore,
  };
}

const PREFIX = /^CVSS:(3\.[01])\//;

/** Parses and scores `CVSS:3.0/…` or `CVSS:3.1/…`. */
export function parseCvss3(raw: string): Result<Cvss3Score> {
  const vector = raw.trim();
  const prefix = PREFIX.exec(vector);
  if (prefix === null) return err(`not a CVSS v3 vector (expected CVSS:3.0/ or CVSS:3.1/): "${raw}"`);
  const version = prefix[1] === '3.0' ? '3.0' : '3.1';
  const metrics = parseMetrics(vector.slice(prefix[0].length), ALLOWED, MANDATORY, `CVSS v${version}`);
  if (!metrics.ok) return metrics;
  return ok(scoreCvss3(version, vector, metrics.value));
}
