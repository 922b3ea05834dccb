import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { bulwarkHome } from '../../core/bulwark-home.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { type InstallRulesResult, installK8sAuditRules } from '../install-k8s-audit-rules.ts';
import { loadK8sAuditRules } from '../load-k8s-audit-rules.ts';
import { textTable } from '../text-table.ts';

/** Falco's k8s_audit rules as the k8saudit plugin publishes them. */
export const FALCO_K8S_AUDIT_RULES_URL =
  'https://raw.githubusercontent.com/falcosecurity/plugins/main/plugins/k8saudit/rules/k8s_audit_rules.yaml';

const FORMATS = ['table', 'json'];

/** `bulwark rules update|import|list`: Falco's k8s_audit rules installed beside Bulwark's own. */
export function registerRulesCommand(program: Command, signal: AbortSignal): void {
  const rules = program
    .command('rules')
    .description(
      "the default k8s_audit rule set of `bulwark audit`: Falco's rules, installed, then Bulwark's",
    );

  rules
    .command('update')
    .description(
      "download Falco's k8s_audit_rules.yaml (conditionally: unchanged upstream, nothing is fetched) " +
        "and install it if it loads with Bulwark's rules",
    )
    .option('--url <url>', 'where to download it from (https:, http: or file:)', FALCO_K8S_AUDIT_RULES_URL)
    .option('-q, --quiet', 'print nothing on success')
    .action(async (flags: { url: string; quiet?: boolean }) => {
      const { downloadUpstream, fileNameFor } = await import('../../vulndb/update/download-upstream.ts');
      const download = await downloadUpstream(
        { source: 'falco-k8s-audit-rules', urls: [flags.url] },
        join(bulwarkHome(), 'feeds'),
        { signal },
      );
      // A 304 still goes through the install: the cached copy may never have been installed (it did
      // not load last time, or another file was imported since).
      const cached = join(download.dir, fileNameFor(flags.url));
      let text: string;
      try {
        text = await readFile(cached, 'utf8');
      } catch (e) {
        throw new BulwarkError(
          ErrorCodes.INPUT_UNREADABLE,
          `cannot read the downloaded rules ${cached} (${(e as Error).message}); remove ${download.dir} to download them again`,
          { subject: cached },
        );
      }
      const result = await installK8sAuditRules({ path: flags.url, text });
      if (flags.quiet !== true) report(result, flags.url, download.unchanged > 0);
    });

  rules
    .command('import')
    .description("install a local copy of Falco's k8s_audit_rules.yaml, if it loads with Bulwark's rules")
    .argument('<file>', 'a Falco rules file')
    .option('-q, --quiet', 'print nothing on success')
    .action(async (file: string, flags: { quiet?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new BulwarkError(
          code === 'ENOENT' ? ErrorCodes.INPUT_NOT_FOUND : ErrorCodes.INPUT_UNREADABLE,
          `cannot read rules file ${file}: ${(e as Error).message}`,
          { subject: file },
        );
      }
      const result = await installK8sAuditRules({ path: file, text });
      if (flags.quiet !== true) report(result, file, false);
    });

  rules
    .command('list')
    .description('the default rule set: each file with its rules, then every enabled rule and correlation')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .action(async (flags: { format: string }) => {
      if (!FORMATS.includes(flags.format)) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `Unknown format "${flags.format}": use ${FORMATS.join(', ')}`,
        );
      }
      const { defaultK8sAuditRules } = await import('../../detect/rules/default-rules.ts');
      const defaults = await defaultK8sAuditRules();
      for (const notice of defaults.notices) process.stderr.write(`bulwark: ${notice}\n`);
      const loaded = await loadK8sAuditRules(defaults.files, 'the default rule set does not load');
      // Per file: the enabled rules and correlations it defined (the loader records the file).
      const files = defaults.files.map((f) => ({
        path: f.path,
        rules: loaded.rules.filter((r) => r.file === f.path).length,
        correlations: loaded.correlations.filter((c) => c.file === f.path).length,
      }));
      const enabled = loaded.rules.map((r) => ({ name: r.name, priority: r.priority, file: r.file }));
      const correlations = loaded.correlations.map((c) => ({
        name: c.name,
        priority: c.priority,
        kind: c.kind,
        count: c.count,
        withinMs: c.withinMs,
        file: c.file,
      }));
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ files, rules: enabled, correlations }, null, 2)}\n`);
        return;
      }
      const out = [
        textTable(
          ['FILE', 'RULES', 'CORRELATIONS'],
          files.map((f) => [f.path, String(f.rules), String(f.correlations)]),
        ),
        textTable(
          ['RULE', 'PRIORITY', 'FILE'],
          enabled.map((r) => [r.name, r.priority, r.file === null ? '-' : basename(r.file)]),
        ),
      ];
      if (correlations.length > 0) {
        out.push(
          textTable(
            ['CORRELATION', 'PRIORITY', 'KIND', 'EVENTS', 'WITHIN', 'FILE'],
            correlations.map((c) => [
              c.name,
              c.priority,
              c.kind,
              String(c.count),
              `${c.withinMs / 1000}s`,
              c.file === null ? '-' : basename(c.file),
            ]),
          ),
        );
      }
      process.stdout.write(out.join('\n'));
    });
}

function report(result: InstallRulesResult, source: string, notModified: boolean): void {
  const message = result.changed
    ? `Installed Falco's k8s_audit rules (${result.rules} rules) from ${source} into ${result.path}`
    : `Falco's k8s_audit rules are unchanged${notModified ? ' upstream (HTTP 304)' : ''}: ${result.path} (${result.rules} rules)`;
  process.stdout.write(`${message}\n`);
}
