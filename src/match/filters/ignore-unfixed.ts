import type { Finding } from '../../core/finding.ts';

/**
 * `--ignore-unfixed`: drops findings for which no fixed version exists yet (`fixState` other than
 * `fixed`: `not-fixed`, `wont-fix`, `unknown`). Order is kept.
 */
export function ignoreUnfixed(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.fixState === 'fixed');
}
