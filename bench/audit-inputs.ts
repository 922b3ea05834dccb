import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAuditEvents } from '../src/detect/audit/read-audit-events.ts';
import { sharedData } from '../src/test-support/shared-data.ts';
import type { AuditBenchMode, AuditChildResult } from './audit-bench-child.ts';
import { pinned } from './pinned.ts';
import { runCommand } from './run-command.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The real audit events of Falco's regression traces, parsed: what the audit benches repeat. */
export async function auditTemplates(): Promise<unknown[]> {
  const dir = sharedData('k8s/audit-falco/falco-legacy-tests/test/trace_files/k8s_audit');
  const events: unknown[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    for await (const e of readAuditEvents(join(dir, name))) events.push(e);
  }
  return events;
}

/** Falco's rules from shared, then every file of the bundled rules folder (as the default rule set). */
export async function auditRulesFiles(): Promise<string[]> {
  const falco = sharedData(
    'k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml',
  );
  const bundled = join(root, 'rules/k8s_audit');
  const names = (await readdir(bundled).catch(() => [])).filter((n) => /\.ya?ml$/.test(n)).sort();
  return [falco, ...names.map((n) => join(bundled, n))];
}

/** One measured run of audit-bench-child.ts, pinned to core 1. */
export async function runAuditChild(
  mode: AuditBenchMode,
  file: string,
  rules: readonly string[],
): Promise<AuditChildResult> {
  const script = join(root, 'bench/audit-bench-child.ts');
  const [cmd, args] = pinned(1, process.execPath, ['--import', 'tsx', script, mode, file, ...rules]);
  const r = await runCommand(cmd, args, { cwd: root });
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as AuditChildResult;
}
