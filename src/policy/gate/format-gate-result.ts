import type { GateResult } from '../gate.ts';

/**
 * The text `bulwark gate` prints: `PASS`, or for each failed rule `FAIL <rule>: <message>`
 * followed by its items indented by two spaces. Ends with a newline.
 */
export function formatGateResult(result: GateResult): string {
  if (result.passed) return 'PASS\n';
  const lines: string[] = [];
  for (const f of result.failures) {
    lines.push(`FAIL ${f.rule}: ${f.message}`);
    for (const item of f.items) lines.push(`  ${item}`);
  }
  return `${lines.join('\n')}\n`;
}
