import type { Severity } from '../core/finding.ts';

/** What the risk score is computed from. */
export interface RiskInput {
  /** CVSS base score (0–10) of the vector the severity rests on; absent when there is none. */
  readonly baseScore?: number;
  /** The finding's severity; its band's midpoint stands in for a missing base score. */
  readonly severity: Severity;
  /** Listed in CISA's Known Exploited Vulnerabilities catalog. */
  readonly kev: boolean;
  /** EPSS probability (0–1), the highest among the finding's CVEs; absent when not scored. */
  readonly epss?: number;
}

/** A CVSS-like score per severity when no vector exists: the middle of each CVSS v3 band. */
const MIDPOINT: Readonly<Record<Severity, number>> = {
  CRITICAL: 9.5,
  HIGH: 8.0,
  MEDIUM: 5.5,
  LOW: 2.0,
  NEGLIGIBLE: 0.5,
  // Nothing is known: the middle of the scale, neither hidden nor alarming.
  UNKNOWN: 5.0,
};

/** Share of the impact a finding keeps even when exploitation looks unlikely. */
export const RISK_FLOOR = 0.1;
/** Threat assumed without EPSS or KEV data: about a median CVE's (EPSS ≈ 0.007). */
export const UNKNOWN_THREAT = 0.3;
/** EPSS decades mapped onto threat 0–1: 0.001 → 0, 0.01 → ⅓, 0.1 → ⅔, 1 → 1. */
const EPSS_DECADES = 3;

/**
 * A 0–100 score for ordering work: impact × likelihood of exploitation (docs/risk-score.md).
 *
 *   impact = baseScore / 10 (or the severity band's midpoint / 10)
 *   threat = 1 when in KEV; else 1 + log10(EPSS) / 3, clamped to 0–1; else 0.3 when unscored
 *   risk   = 100 × impact × (0.1 + 0.9 × threat), rounded to one decimal
 *
 * Log4Shell (10.0, KEV) scores 100; a LOW without a vector and EPSS 0.001 scores 2.
 */
export function riskScore(input: RiskInput): number {
  const impact = clamp01((input.baseScore ?? MIDPOINT[input.severity]) / 10);
  const risk = 100 * impact * (RISK_FLOOR + (1 - RISK_FLOOR) * threat(input));
  return Math.round(risk * 10) / 10;
}

/** Likelihood of exploitation on a 0–1 scale (KEV is certainty; EPSS is read on a log scale). */
export function threat(input: Pick<RiskInput, 'kev' | 'epss'>): number {
  if (input.kev) return 1;
  if (input.epss === undefined || Number.isNaN(input.epss)) return UNKNOWN_THREAT;
  if (input.epss <= 0) return 0;
  return clamp01(1 + Math.log10(input.epss) / EPSS_DECADES);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
