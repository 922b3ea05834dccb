import type { ConfigFinding } from '../../core/config-finding.ts';
import type { IgnoreRules } from './ignore-file.ts';

/**
 * The same ignore file for configuration findings: an entry whose `id` is a rule id
 * (`BW-K8S-109`, case-insensitive) marks that rule's findings suppressed, restricted by `path`
 * (a glob on the file, relative to the scanned directory) when given. Entries with a `purl` are
 * about packages and never match a configuration finding. Nothing is removed; findings already
 * suppressed (by an annotation) keep their first suppression.
 */
export function applyIgnoreRulesToConfig(
  findings: readonly ConfigFinding[],
  rules: IgnoreRules,
): ConfigFinding[] {
  if (rules.rules.length === 0) return [...findings];
  return findings.map((f) => {
    if (f.suppressed) return f;
    const rule = rules.rules.find(
      (r) =>
        r.id.toUpperCase() === f.ruleId.toUpperCase() &&
        r.purl === undefined &&
        (r.path === undefined || r.path.regex.test(f.location.file.replace(/^\/+/, ''))),
    );
    if (!rule) return f;
    return {
      ...f,
      suppressed: { kind: 'ignore', status: 'ignored', reason: rule.reason, source: rules.source },
    };
  });
}
