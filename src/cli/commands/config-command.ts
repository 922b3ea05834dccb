import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CONFIG_SEVERITIES, type ConfigSeverity } from '../../core/config-finding.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import { TOOL_VERSION } from '../../core/tool-version.ts';
import { encoderFor } from '../../report/registry.ts';
import { writeOutput } from '../write-output.ts';

interface ConfigFlags {
  format: string;
  output?: string;
  profile: string;
  severity?: string;
  exitCode?: string;
  ignorefile?: string;
}

const PROFILES = ['baseline', 'restricted', 'all'] as const;
const FORMATS = ['table', 'json', 'sarif'];

/** `bulwark config <file|dir>`: Kubernetes manifests and Dockerfiles against the rules. */
export function registerConfigCommand(program: Command, signal: AbortSignal): void {
  program
    .command('config')
    .description(
      'check Kubernetes manifests (YAML/JSON, Helm output) and Dockerfiles for insecure configuration',
    )
    .argument('<path>', 'a file or a directory')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option(
      '--profile <profile>',
      `Pod Security Standards level: ${PROFILES.join(', ')} (all = restricted)`,
      'all',
    )
    .option('--severity <levels>', 'only these severities, e.g. CRITICAL,HIGH')
    .option('--exit-code <n>', 'exit with this code when any unsuppressed finding remains')
    .option(
      '--ignorefile <file>',
      'YAML ignore rules, by rule id and path glob (default: ./.bulwarkignore when present)',
    )
    .action(async (path: string, flags: ConfigFlags) => {
      if (!FORMATS.includes(flags.format)) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `Unknown format "${flags.format}": use ${FORMATS.join(', ')}`,
        );
      }
      const encode = encoderFor(flags.format);
      if (!(PROFILES as readonly string[]).includes(flags.profile)) {
        throw new BulwarkError(ErrorCodes.USAGE, `--profile "${flags.profile}": use ${PROFILES.join(', ')}`);
      }
      const severities = flags.severity === undefined ? undefined : parseSeverities(flags.severity);
      const exitCode = flags.exitCode === undefined ? undefined : Number(flags.exitCode);
      if (exitCode !== undefined && (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255)) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `--exit-code "${flags.exitCode}": use a number from 0 to 255`,
        );
      }
      const ignorefile = flags.ignorefile ?? (existsSync('.bulwarkignore') ? '.bulwarkignore' : undefined);
      const { loadIgnoreFile } = await import('../../match/filters/ignore-file.ts');
      const ignore = ignorefile === undefined ? undefined : await loadIgnoreFile(ignorefile, new Date());
      for (const w of ignore?.warnings ?? []) process.stderr.write(`bulwark: ${w}\n`);
      const { checkConfigPath } = await import('../../policy/check-config-path.ts');
      const checked = await checkConfigPath(path, {
        profile: flags.profile as (typeof PROFILES)[number],
        signal,
      });
      const { applyIgnoreRulesToConfig } = await import(
        '../../match/filters/apply-ignore-rules-to-config.ts'
      );
      const kept = ignore
        ? applyIgnoreRulesToConfig(checked.misconfigurations, ignore)
        : checked.misconfigurations;
      const misconfigurations = severities ? kept.filter((f) => severities.includes(f.severity)) : kept;
      const result: ScanResult = {
        target: { kind: 'config', name: path },
        packages: [],
        relationships: [],
        errors: checked.errors,
        misconfigurations,
        createdAt: new Date().toISOString(),
        tool: { name: 'bulwark', version: TOOL_VERSION },
      };
      const color =
        (!flags.output || flags.output === '-') && process.stdout.isTTY === true && !process.env.NO_COLOR;
      await writeOutput(encode(result, { color }), flags.output);
      if (exitCode !== undefined && misconfigurations.some((f) => !f.suppressed)) process.exitCode = exitCode;
    });
}

function parseSeverities(text: string): ConfigSeverity[] {
  const out: ConfigSeverity[] = [];
  for (const part of text.split(',')) {
    const s = part.trim().toUpperCase();
    if (!(CONFIG_SEVERITIES as readonly string[]).includes(s)) {
      throw new BulwarkError(
        ErrorCodes.USAGE,
        `--severity: unknown level "${part}"; use ${CONFIG_SEVERITIES.join(', ')}`,
      );
    }
    out.push(s as ConfigSeverity);
  }
  return out;
}
