import { severityRank } from '../../../core/finding.ts';
import { ok } from '../../../core/result.ts';
import { countFindings, findingLabel, findingLabels } from '../finding-label.ts';
import { counted, readFixableOnly } from '../fixable-only.ts';
import type { GateRuleKind } from '../gate-rule.ts';
import { parseSeverityName } from '../severity-name.ts';

/**
 * `max-severity: HIGH`: fails when a finding is above the level (here: CRITICAL). UNKNOWN is
 * never above any level. Option `fixable-only`.
 */
export const maxSeverity: GateRuleKind = {
  kind: 'max-severity',
  options: ['fixable-only'],
  reads: 'findings',
  compile(value, options) {
    const level = parseSeverityName(value);
    if (!level.ok) return level;
    const fixableOnly = readFixableOnly(options);
    if (!fixableOnly.ok) return fixableOnly;
    const limit = severityRank(level.value);
    return ok({
      settings: { severity: level.value, fixableOnly: fixableOnly.value },
      check({ findings }) {
        const over = counted(findings, fixableOnly.value).filter((f) => severityRank(f.severity) > limit);
        if (over.length === 0) return undefined;
        const fix = fixableOnly.value ? ' with a fix available' : '';
        return {
          message: `${countFindings(over.length)} above ${level.value}${fix}`,
          items: findingLabels(over, (f) => findingLabel(f)),
        };
      },
    });
  },
};
