import type { Command } from 'commander';
import { PRIORITY_NAMES, prioritiesAtLeast } from '../../core/alert-priority.ts';
import type { AuditAlert } from '../../core/audit-alert.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';

interface AuditFlags {
  rules: string[];
  format: string;
  follow?: boolean;
  fromEnd?: boolean;
  priority?: string;
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
      'a Falco rules file, loaded in order (repeatable); default: the rules installed by ' +
        "`bulwark rules update|import` (Falco's k8s_audit_rules.yaml), then Bulwark's bundled rules",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option(
      '--follow',
      'keep reading the file as it grows, like tail -F (JSON lines; survives rotation and truncation); ' +
        'Ctrl-C prints the summary',
    )
    .option('--from-end', 'with --follow: skip what the file already holds')
    .option(
      '--priority <level>',
      `only alerts at this priority or above (${PRIORITY_NAMES.join(', ')}), as Falco's priority setting`,
    )
    .action(async (file: string, flags: AuditFlags) => {
      if (!FORMATS.includes(flags.format)) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `Unknown format "${flags.format}": use ${FORMATS.join(', ')}`,
        );
      }
      if (flags.follow === true && file === '-') {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          '--follow needs a file: stdin is already read as it arrives (e.g. tail -F log | bulwark audit -)',
        );
      }
      if (flags.fromEnd === true && flags.follow !== true) {
        throw new BulwarkError(ErrorCodes.USAGE, '--from-end only applies with --follow');
      }
      const shown = flags.priority === undefined ? undefined : prioritiesAtLeast(flags.priority);
      if (flags.priority !== undefined && shown === undefined) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `Unknown priority "${flags.priority}": use ${PRIORITY_NAMES.join(', ')}`,
        );
      }
      const keep =
        shown === undefined ? () => true : (a: AuditAlert) => shown.includes(a.priority.toLowerCase());
      const { loadAuditRuleset } = await import('../load-audit-ruleset.ts');
      const { ruleset: loaded, notices } = await loadAuditRuleset(flags.rules);
      // The default set says when Falco's rules are not installed: the user should know what ran.
      for (const notice of notices) process.stderr.write(`bulwark: ${notice}\n`);

      const { newReadAuditStats, readAuditEventBatches } = await import(
        '../../detect/audit/read-audit-events.ts'
      );
      const { createAuditEngine } = await import('../../detect/audit/audit-engine.ts');
      const { toFalcoJson } = await import('../../detect/audit/falco-json.ts');
      const stats = newReadAuditStats();
      const format = (alert: AuditAlert): string =>
        flags.format === 'json'
          ? JSON.stringify(toFalcoJson(alert))
          : `${alert.time ?? '-'}  ${alert.priority.padEnd(8)}  ${alert.rule}  ${alert.output}` +
            (alert.incident === undefined
              ? ''
              : `  [${alert.incident.kind} of ${alert.incident.count} events since ${alert.incident.firstTime ?? '-'}]`);
      // Batches: one async step per chunk read rather than per event (the file case's hot loop).
      let batches: AsyncIterable<readonly unknown[]>;
      if (flags.follow === true) {
        const { followAuditEvents } = await import('../../detect/audit/follow-audit-events.ts');
        // Interrupting a follow is how it ends, so the signal stops reading rather than failing.
        batches = oneByOne(
          followAuditEvents(file, {
            signal,
            stats,
            fromEnd: flags.fromEnd === true,
            onNotice: (m) => process.stderr.write(`bulwark: ${m}\n`),
          }),
        );
      } else {
        batches = readAuditEventBatches(file, { stats });
      }
      let alerts = 0;
      const perRule = new Map<string, number>();
      try {
        // One engine for the whole input: correlation windows span events and, when following, files.
        const engine = createAuditEngine(loaded);
        for await (const batch of batches) {
          if (signal.aborted && flags.follow !== true)
            throw new BulwarkError(ErrorCodes.ABORTED, 'interrupted');
          for (const event of batch) {
            for (const alert of engine.process(event)) {
              if (!keep(alert)) continue;
              alerts++;
              perRule.set(alert.rule, (perRule.get(alert.rule) ?? 0) + 1);
              // One write per alert, not a buffered batch: a follower must see each alert as it
              // happens (stdout to files, terminals and Linux pipes is written synchronously).
              process.stdout.write(`${format(alert)}\n`);
            }
          }
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
      // Then the alerts by rule, as Falco prints its detections at exit: the busiest rules first.
      for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
        summary += `  ${String(n).padStart(7)}  ${rule}\n`;
      process.stderr.write(summary);
    });
}

/** A followed stream's events as batches of one: each is processed the moment it arrives. */
async function* oneByOne(events: AsyncIterable<unknown>): AsyncGenerator<readonly unknown[]> {
  for await (const event of events) yield [event];
}
