import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { defaultK8sAuditRules, readRulesFiles } from '../detect/rules/default-rules.ts';
import type { RulesFile } from '../detect/rules/load-rules.ts';
import { type LoadedRules, loadK8sAuditRules } from './load-k8s-audit-rules.ts';

/**
 * The k8s_audit rule set a command runs: the given files in order, else the default set
 * (installed Falco rules, then Bulwark's own; its notices are returned for stderr).
 *
 * @throws BulwarkError E_INPUT_UNREADABLE when a file cannot be read, E_PARSE listing every
 *   error when the rules do not load (nothing should run on half a rule set), or when they hold
 *   no enabled k8s_audit rule.
 */
export async function loadAuditRuleset(
  paths: readonly string[],
): Promise<{ readonly ruleset: LoadedRules; readonly notices: readonly string[] }> {
  let files: RulesFile[];
  let notices: readonly string[] = [];
  if (paths.length === 0) {
    const defaults = await defaultK8sAuditRules();
    files = defaults.files;
    notices = defaults.notices;
  } else {
    files = await readRulesFiles(paths);
  }
  const loaded = await loadK8sAuditRules(files, 'audit rules failed to load');
  // Rules of another source (Falco's syscall rules) load but are skipped: a set with no k8s_audit
  // rule or correlation at all is almost surely the wrong file, and would watch nothing.
  if (!loaded.rules.some((r) => r.source === 'k8s_audit') && loaded.correlations.length === 0) {
    const which = paths.length === 0 ? 'the default rule set' : paths.join(', ');
    throw new BulwarkError(
      ErrorCodes.PARSE,
      `audit rules failed to load: ${which} has no enabled k8s_audit rule`,
    );
  }
  return { ruleset: loaded, notices };
}
