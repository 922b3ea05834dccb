import { isRecord } from '../../../core/is-record.ts';
import { err, ok } from '../../../core/result.ts';
import { configFindingLabels, countMisconfigurations } from '../config-finding-label.ts';
import { configSeverityRank, parseConfigSeverityName } from '../config-severity-name.ts';
import type { GateRuleKind } from '../gate-rule.ts';

/**
 * `max-misconfigurations: { severity: MEDIUM, count: 5 }`: fails when more than `count`
 * misconfigurations are at `severity` or above (without `severity`: of any level, INFO included).
 */
export const maxMisconfigurations: GateRuleKind = {
  kind: 'max-misconfigurations',
  options: [],
  reads: 'misconfigurations',
  compile(value) {
    if (!isRecord(value)) return err('expected a mapping such as { severity: MEDIUM, count: 5 }');
    for (const key of Object.keys(value)) {
      if (key !== 'severity' && key !== 'count')
        return err(`unknown field "${key}" (expected severity, count)`);
    }
    const count = value.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      return err(`"count" must be a whole number of 0 or more, not ${JSON.stringify(count)}`);
    }
    let level: ReturnType<typeof parseConfigSeverityName> | undefined;
    if (value.severity !== undefined) {
      level = parseConfigSeverityName(value.severity);
      if (!level.ok) return err(`"severity": ${level.error}`);
    }
    const floor = level?.ok ? configSeverityRank(level.value) : 0;
    const which = level?.ok ? ` at ${level.value} or above` : '';
    return ok({
      settings: { ...(level?.ok ? { severity: level.value } : {}), count },
      check({ misconfigurations }) {
        const hits = misconfigurations.filter((f) => configSeverityRank(f.severity) >= floor);
        if (hits.length <= count) return undefined;
        return {
          message: `${countMisconfigurations(hits.length)}${which}; at most ${count} allowed`,
          items: configFindingLabels(hits),
        };
      },
    });
  },
};
