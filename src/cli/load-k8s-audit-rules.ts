import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { LoadRulesResult, RuleLoadError, RulesFile } from '../detect/rules/load-rules.ts';

/** A rule set that loaded: what `loadRules` gives when it succeeds. */
export type LoadedRules = Extract<LoadRulesResult, { ok: true }>;

/**
 * Loads rules files with the k8s_audit source; throws a coded PARSE error listing every load
 * error (file:line:column, rule) after `failure`, which says what could not be done.
 */
export async function loadK8sAuditRules(files: readonly RulesFile[], failure: string): Promise<LoadedRules> {
  const { loadRules } = await import('../detect/rules/load-rules.ts');
  const { k8sAuditSource } = await import('../detect/k8s-audit/k8s-audit-source.ts');
  const loaded = loadRules(files, new Map([['k8s_audit', k8sAuditSource]]));
  if (!loaded.ok) {
    throw new BulwarkError(ErrorCodes.PARSE, `${failure}:\n${loaded.errors.map(formatLoadError).join('\n')}`);
  }
  return loaded;
}

/** `  file:line:column (rule name): message`, the position and the item only when known. */
export function formatLoadError(e: RuleLoadError): string {
  const position = e.line === undefined ? '' : `:${e.line}${e.column === undefined ? '' : `:${e.column}`}`;
  const item =
    e.rule !== undefined
      ? ` (rule ${e.rule})`
      : e.correlation !== undefined
        ? ` (correlation ${e.correlation})`
        : '';
  return `  ${e.file}${position}${item}: ${e.message}`;
}
