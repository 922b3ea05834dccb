import { err, ok, type Result } from '../../core/result.ts';
import { type CvssSeverity, severityRating } from './severity-rating.ts';
import { type CvssMetrics, type MetricValues, parseMetrics, weight } from './vector-metrics.ts';

/** A scored CVSS v2 vector (CVSS v2 Complete Documentation, section 3.2). */
export interface Cvss2Score {
  readonly version: '2.0';
  /** The vector as given, without surrounding parentheses. */
  readonly vector: string;
  readonly metrics: CvssMetrics;
  readonly baseScore: number;
  readonly severity: CvssSeverity;
  readonly impactSubscore: number;
  readonly exploitabilitySubscore: number;
  /** Equals baseScore when no temporal metric is set. */
  readonly temporalScore: number;
  /** Equals temporalScore when no environmental metric is set. */
  readonly environmentalScore: number;
}

const BASE: MetricValues = {
  AV: ['L', 'A', 'N'],
  AC: ['H', 'M', 'L'],
  Au: ['M', 'S', 'N'],
  C: ['N', 'P', 'C'],
  I: ['N', 'P', 'C'],
  A: ['N', 'P', 'C'],
};
const ALLOWED: MetricValues = {
  ...BASE,
  E: ['U', 'POC', 'F', 'H', 'ND'],
  RL: ['OF', 'TF', 'W', 'U', 'ND'],
  RC: ['UC', 'UR', 'C', 'ND'],
  CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'],
  TD: ['N', 'L', 'M', 'H', 'ND'],
  CR: ['L', 'M', 'H', 'ND'],
  IR: ['L', 'M', 'H', 'ND'],
  AR: ['L', 'M', 'H', 'ND'],
};
const MANDATORY = Object.keys(BASE);

const ACCESS_VECTOR = { L: 0.395, A: 0.646, N: 1.0 };
const ACCESS_COMPLEXITY = { H: 0.35, M: 0.61, L: 0.71 };
const AUTHENTICATION = { M: 0.45, S: 0.56, N: 0.704 };
const IMPACT = { N: 0.0, P: 0.275, C: 0.66 };
const EXPLOITABILITY = { U: 0.85, POC: 0.9, F: 0.95, H: 1.0, ND: 1.0 };
const REMEDIATION_LEVEL = { OF: 0.87, TF: 0.9, W: 0.95, U: 1.0, ND: 1.0 };
const REPORT_CONFIDENCE = { UC: 0.9, UR: 0.95, C: 1.0, ND: 1.0 };
const COLLATERAL_DAMAGE = { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 };
const TARGET_DISTRIBUTION = { N: 0, L: 0.25, M: 0.75, H: 1.0, ND: 1.0 };
const REQUIREMENT = { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 };

/** round_to_1_decimal; the epsilon absorbs binary noise such as 4.45 stored as 4.4499999…. */
function round1(value: number): number {
  return Math.round(value * 10 + 1e-9) / 10;
}

function baseEquation(impact: number, exploitability: number): number {
  const f = impact === 0 ? 0 : 1.176;
  return round1((0.6 * impact + 0.4 * exploitability - 1.5) * f);
}

/** Scores the metrics of a parsed v2 vector. */
export function scoreCvss2(vector: string, metrics: CvssMetrics): Cvss2Score {
  const m = (name: string): string => metrics[name] ?? 'ND';
  const c = weight(IMPACT, m('C'));
  const i = weight(IMPACT, m('I'));
  const a = weight(IMPACT, m('A'));
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability =
    20 *
    weight(ACCESS_VECTOR, m('AV')) *
    weight(ACCESS_COMPLEXITY, m('AC')) *
    weight(AUTHENTICATION, m('Au'));
  const baseScore = baseEquation(impact, exploitability);
  const temporalFactor =
    weight(EXPLOITABILITY, m('E')) * weight(REMEDIATION_LEVEL, m('RL')) * weight(REPORT_CONFIDENCE, m('RC'));
  const temporalScore = round1(baseScore * temporalFactor);
  const adjustedImpact = Math.min(
    10,
    10.41 *
      (1 -
        (1 - c * weight(REQUIREMENT, m('CR'))) *
          (1 - i * weight(REQUIREMENT, m('IR'))) *
          (1 - a * weight(REQUIREMENT, m('AR')))),
  );
  const adjustedTemporal = round1(baseEquation(adjustedImpact, exploitability) * temporalFactor);
  const environmentalScore = round1(
    (adjustedTemporal + (10 - adjustedTemporal) * weight(COLLATERAL_DAMAGE, m('CDP'))) *
      weight(TARGET_DISTRIBUTION, m('TD')),
  );
  return {
    version: '2.0',
    vector,
    metrics,
    baseScore,
    severity: severityRating(baseScore, '2.0'),
    impactSubscore: round1(impact),
    exploitabilitySubscore: round1(exploitability),
    temporalScore,
    environmentalScore,
  };
}

/**
 * Parses and scores a CVSS v2 vector such as `AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally wrapped in
 * parentheses as NVD sometimes prints it.
 */
export function parseCvss2(raw: string): Result<Cvss2Score> {
  let vector = raw.trim();
  if (vector.startsWith('(') && vector.endsWith(')')) vector = vector.slice(1, -1);
  if (vector.startsWith('CVSS:')) return err(`not a CVSS v2 vector: "${raw}"`);
  const metrics = parseMetrics(vector, ALLOWED, MANDATORY, 'CVSS v2');
  if (!metrics.ok) return metrics;
  return ok(scoreCvss2(vector, metrics.value));
}
