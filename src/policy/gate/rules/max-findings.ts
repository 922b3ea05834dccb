import { severityRank } from '../../../core/finding.ts';
import { isRecord } from '../../../core/is-record.ts';
import { err, ok } from '../../../core/result.ts';
import { countFindings, findingLabel, findingLabels } from '../finding-label.ts';
import { counted, readFixableOnly } from '../fixable-only.ts';
import type { GateRuleKind } from '../gate-rule.ts';
import { parseSeverityName } from '../severity-name.ts';

/**
 * `max-findings: { severity: MEDIUM, count: 10 }`: fails when more than `count` findings are at
 * `severity` or above (without `severity`: findings of any level). Option `fixable-only`.
 */
export const maxFindings: GateRuleKind = {
  kind: 'max-findings',
  options: ['fixable-only'],
  reads: 'findings',
  compile(value, options) {
    if (!isRecord(value)) return err('expected a mapping such as { severity: MEDIUM, count: 10 }');
    for (const key of Object.keys(value)) {
      if (key !== 'severity' && key !== 'count')
        return err(`unknown field "${key}" (expected severity, count)`);
    }
    const count = value.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      return err(`"count" must be a whole number of 0 or more, not ${JSON.stringify(count)}`);
    }
    let level: ReturnType<typeof parseSeverityName> | undefined;
    if (value.severity !== undefined) {
      level = parseSeverityName(value.severity);
      if (!level.ok) return err(`"severity": ${level.error}`);
    }
    const fixableOnly = readFixableOnly(options);
    if (!fixableOnly.ok) return fixableOnly;
    const floor = level?.ok ? severityRank(level.value) : 0;
    const which = level?.ok ? ` at ${level.value} or above` : '';
    return ok({
      settings: { ...(level?.ok ? { severity: level.value } : {}), count, fixableOnly: fixableOnly.value },
      check({ findings }) {
        const hits = counted(findings, fixableOnly.value).filter((f) => severityRank(f.severity) >= floor);
        if (hits.length <= count) return undefined;
        const fix = fixableOnly.value ? ' with a fix available' : '';
        return {
          message: `${countFindings(hits.length)}${which}${fix}; at most ${count} allowed`,
          items: findingLabels(hits, (f) => findingLabel(f)),
        };
      },
    });
  },
};
