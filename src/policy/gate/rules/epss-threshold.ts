import { err, ok } from '../../../core/result.ts';
import { countFindings, findingLabel, findingLabels } from '../finding-label.ts';
import { counted, readFixableOnly } from '../fixable-only.ts';
import type { GateRuleKind } from '../gate-rule.ts';

/** An EPSS probability as a short decimal: 0.94358, 0.5. */
export function formatEpss(score: number): string {
  return String(Number(score.toFixed(5)));
}

/**
 * `epss-threshold: 0.5`: fails on any finding whose EPSS score (probability of exploitation in
 * the next 30 days) is at or above the threshold. Findings without a score do not count.
 */
export const epssThreshold: GateRuleKind = {
  kind: 'epss-threshold',
  options: ['fixable-only'],
  reads: 'findings',
  compile(value, options) {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      return err(`expected a probability from 0 to 1 (e.g. 0.5), not ${JSON.stringify(value)}`);
    }
    const fixableOnly = readFixableOnly(options);
    if (!fixableOnly.ok) return fixableOnly;
    return ok({
      settings: { threshold: value, fixableOnly: fixableOnly.value },
      check({ findings }) {
        const hits = counted(findings, fixableOnly.value).filter(
          (f) => f.epss !== undefined && f.epss.score >= value,
        );
        if (hits.length === 0) return undefined;
        return {
          message: `${countFindings(hits.length)} with an EPSS score of ${formatEpss(value)} or more`,
          items: findingLabels(hits, (f) => findingLabel(f, `EPSS ${formatEpss(f.epss?.score ?? 0)}`)),
        };
      },
    });
  },
};
