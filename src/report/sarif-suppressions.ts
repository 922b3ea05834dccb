import type { Suppression as SarifSuppression } from 'sarif';
import type { Suppression } from '../core/finding.ts';

/**
 * A finding's VEX statement or ignore rule as SARIF `suppressions`: external and accepted, the
 * justification naming the status, the reason and the file it came from. Empty when not suppressed.
 */
export function sarifSuppressions(s: Suppression | undefined): { suppressions?: SarifSuppression[] } {
  if (!s) return {};
  const by = s.kind === 'vex' ? 'VEX' : 'ignore rule';
  return {
    suppressions: [
      { kind: 'external', status: 'accepted', justification: `${by} ${s.status}: ${s.reason} (${s.source})` },
    ],
  };
}
