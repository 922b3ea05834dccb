import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';

interface AuditFlags {
  rules: string[];
  format: string;
}

const FORMATS = ['table', 'json'];

/** `bulwark audit <file|->`: Kubernetes audit events through Falco-format k8s_audit rules. */
export function registerAuditCommand(program: Command, signal: AbortSignal): void {
  program
    .command('audit')
    .description(
      'run Kubernetes audit events (JSON lines, JSON array, EventList, gzip; - for stdin) through Falco k8s_audit rules',
    )
    .argument('<file>', 'an audit log file, or - for stdin')
    .option(
      '--rules <file>',
      'a Falco rules file, loaded in order (repeatable; required: no rule set is bundled yet, ' +
        "e.g. Falco's k8s_audit_rules.yaml)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .action(async (file: string, flags: AuditFlags) => {
      if (!FORMATS.includes(flags.format)) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `Unknown format "${flags.format}": use ${FORMATS.join(', ')}`,
        );
      }
      if (flags.rules.length === 0) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          "--rules <file> is required (no rule set is bundled yet; e.g. Falco's k8s_audit_rules.yaml)",
        );
      }
      const files = [];
      for (const path of flags.rules) {
        try {
          files.push({ path, text: await readFile(path, 'utf8') });
        } catch (e) {
          throw new BulwarkError(
            ErrorCodes.INPUT_UNREADABLE,
            `cannot read rules file ${path}: ${(e as Error).message}`,
          );
        }
      }
      const { loadRules } = await import('../../detect/rules/load-rules.ts');
      const { k8sAuditSource } = await import('../../detect/k8s-audit/k8s-audit-source.ts');
      const loaded = loadRules(files, new Map([['k8s_audit', k8sAuditSource]]));
      if (!loaded.ok) {
        const lines = loaded.errors.map(
          (e) =>
            `  ${e.file}${e.line === undefined ? '' : `:${e.line}${e.column === undefined ? '' : `:${e.column}`}`}` +
            `${e.rule === undefined ? '' : ` (rule ${e.rule})`}: ${e.message}`,
        );
        throw new BulwarkError(
          ErrorCodes.PARSE,
          `rules failed to load, nothing was run:\n${lines.join('\n')}`,
        );
      }
      const { newReadAuditStats, readAuditEvents } = await import('../../detect/audit/read-audit-events.ts');
      const { runAudit } = await import('../../detect/audit/run-audit.ts');
      const { toFalcoJson } = await import('../../detect/audit/falco-json.ts');
      const stats = newReadAuditStats();
      let alerts = 0;
      try {
        for await (const alert of runAudit(readAuditEvents(file, { stats }), loaded.rules)) {
          if (signal.aborted) throw new BulwarkError(ErrorCodes.ABORTED, 'interrupted');
          alerts++;
          const line =
            flags.format === 'json'
              ? JSON.stringify(toFalcoJson(alert))
              : `${alert.time ?? '-'}  ${alert.priority.padEnd(8)}  ${alert.rule}  ${alert.output}`;
          process.stdout.write(`${line}\n`);
        }
      } catch (e) {
        if (e instanceof BulwarkError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new BulwarkError(
          code === 'ENOENT' ? ErrorCodes.INPUT_NOT_FOUND : ErrorCodes.INPUT_UNREADABLE,
          `cannot read ${file}: ${(e as Error).message}`,
        );
      }
      let summary = `bulwark: ${stats.events} events, ${alerts} alerts, ${stats.malformed} malformed lines\n`;
      for (const m of stats.malformedSamples) summary += `  line ${m.line}: ${m.reason}\n`;
      if (stats.malformed > stats.malformedSamples.length)
        summary += `  … and ${stats.malformed - stats.malformedSamples.length} more\n`;
      process.stderr.write(summary);
    });
}
