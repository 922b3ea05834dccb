import { CONFIG_SEVERITIES, type ConfigSeverity } from '../../core/config-finding.ts';
import { err, ok, type Result } from '../../core/result.ts';

/** A configuration severity named in a policy: case-insensitive (`high`, `HIGH`). */
export function parseConfigSeverityName(value: unknown): Result<ConfigSeverity> {
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  const level = CONFIG_SEVERITIES.find((s) => s === upper);
  if (!level) {
    return err(`${JSON.stringify(value)} is not a configuration severity (${CONFIG_SEVERITIES.join(', ')})`);
  }
  return ok(level);
}

/** Rank for thresholds: CRITICAL 4 … INFO 0. */
export function configSeverityRank(s: ConfigSeverity): number {
  return CONFIG_SEVERITIES.length - 1 - CONFIG_SEVERITIES.indexOf(s);
}
