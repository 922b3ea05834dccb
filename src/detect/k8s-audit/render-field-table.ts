import { k8sAuditFieldTable } from './k8s-audit-source.ts';

const ARGUMENT: Record<string, string> = {
  none: '',
  index: '`[N]` optional',
  key: '`[key]` required',
  pointer: '`[/json/pointer]` required',
};

/**
 * The Markdown table of every k8s_audit field (docs/audit.md holds it between markers; a test
 * keeps the two equal, so the page never drifts from the code).
 */
export function renderK8sAuditFieldTable(): string {
  const rows = k8sAuditFieldTable().map(
    (d) => `| \`${d.name}\` | ${d.type} | ${ARGUMENT[d.arg]} | ${d.description.replaceAll('|', '\\|')} |`,
  );
  return ['| field | type | argument | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
