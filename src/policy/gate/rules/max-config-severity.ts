import { ok } from '../../../core/result.ts';
import { configFindingLabels, countMisconfigurations } from '../config-finding-label.ts';
import { configSeverityRank, parseConfigSeverityName } from '../config-severity-name.ts';
import type { GateRuleKind } from '../gate-rule.ts';

/**
 * `max-config-severity: HIGH`: fails when a misconfiguration is above the level (here: CRITICAL).
 * Levels are the configuration ones: CRITICAL, HIGH, MEDIUM, LOW, INFO.
 */
export const maxConfigSeverity: GateRuleKind = {
  kind: 'max-config-severity',
  options: [],
  reads: 'misconfigurations',
  compile(value) {
    const level = parseConfigSeverityName(value);
    if (!level.ok) return level;
    const limit = configSeverityRank(level.value);
    return ok({
      settings: { severity: level.value },
      check({ misconfigurations }) {
        const over = misconfigurations.filter((f) => configSeverityRank(f.severity) > limit);
        if (over.length === 0) return undefined;
        return {
          message: `${countMisconfigurations(over.length)} above ${level.value}`,
          items: configFindingLabels(over),
        };
      },
    });
  },
};
