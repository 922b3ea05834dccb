import { ok } from '../../../core/result.ts';
import { countFindings, findingLabel, findingLabels } from '../finding-label.ts';
import { hasFix } from '../fixable-only.ts';
import type { GateRuleKind } from '../gate-rule.ts';
import { parseSeverityNames } from '../severity-name.ts';

/** Fixed versions shown per item; the rest is summarised. */
const SHOWN_FIXES = 3;

/**
 * `fix-available: [CRITICAL, HIGH]`: fails when a finding of one of these severities has a fixed
 * version — "we do not ship what a simple upgrade would fix".
 */
export const fixAvailable: GateRuleKind = {
  kind: 'fix-available',
  options: [],
  reads: 'findings',
  compile(value) {
    const levels = parseSeverityNames(value);
    if (!levels.ok) return levels;
    const wanted = new Set<string>(levels.value);
    return ok({
      settings: { severities: levels.value },
      check({ findings }) {
        const hits = findings.filter((f) => wanted.has(f.severity) && hasFix(f));
        if (hits.length === 0) return undefined;
        return {
          message: `${countFindings(hits.length)} of severity ${levels.value.join('/')} with a fix available`,
          items: findingLabels(hits, (f) => {
            const shown = f.fixedVersions.slice(0, SHOWN_FIXES).join(', ');
            const more =
              f.fixedVersions.length > SHOWN_FIXES ? ` and ${f.fixedVersions.length - SHOWN_FIXES} more` : '';
            return findingLabel(f, shown === '' ? 'fix available' : `fixed in ${shown}${more}`);
          }),
        };
      },
    });
  },
};
