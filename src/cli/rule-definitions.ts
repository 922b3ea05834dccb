import { parse } from 'yaml';
import { isRecord } from '../core/is-record.ts';
import type { RulesFile } from '../detect/rules/load-rules.ts';

export interface RuleDefinitions {
  /** Rules each file defines (not counting appends and overrides of rules defined before it). */
  readonly rulesPerFile: ReadonlyMap<string, number>;
  /** The file that last defined each rule. */
  readonly fileOf: ReadonlyMap<string, string>;
  /** Correlations each file defines (not counting enabled-only items). */
  readonly correlationsPerFile: ReadonlyMap<string, number>;
  /** The file that last defined each correlation. */
  readonly correlationFileOf: ReadonlyMap<string, string>;
}

/**
 * Which file defines which rule. The loader's compiled rules do not say where they came from, so
 * the files are read again here; only for display, after they loaded, so parse errors cannot occur
 * (a file that does not parse simply counts no rules).
 */
export function ruleDefinitions(files: readonly RulesFile[]): RuleDefinitions {
  const rulesPerFile = new Map<string, number>();
  const fileOf = new Map<string, string>();
  const correlationsPerFile = new Map<string, number>();
  const correlationFileOf = new Map<string, string>();
  for (const file of files) {
    let items: unknown;
    try {
      items = parse(file.text);
    } catch {
      items = undefined;
    }
    let rules = 0;
    let correlations = 0;
    for (const item of Array.isArray(items) ? items : []) {
      if (!isRecord(item)) continue;
      if (typeof item.rule === 'string') {
        // `append`, `override` and enabled-only items change a rule defined earlier.
        if (item.append === true || item.override !== undefined || item.condition === undefined) continue;
        rules++;
        fileOf.set(item.rule, file.path);
      } else if (typeof item.correlation === 'string') {
        if (Object.keys(item).every((k) => k === 'correlation' || k === 'enabled')) continue;
        correlations++;
        correlationFileOf.set(item.correlation, file.path);
      }
    }
    rulesPerFile.set(file.path, rules);
    correlationsPerFile.set(file.path, correlations);
  }
  return { rulesPerFile, fileOf, correlationsPerFile, correlationFileOf };
}
