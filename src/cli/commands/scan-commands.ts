import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { Severity } from '../../core/finding.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import type { IgnoreRules } from '../../match/filters/ignore-file.ts';
import type { VexStatements } from '../../match/filters/vex-statement.ts';
import { ENCODERS, encoderFor } from '../../report/registry.ts';
import type { TargetMode, TargetOptions } from '../scan-target.ts';
import { storeOptions } from '../store-options.ts';
import { writeOutput } from '../write-output.ts';

interface ScanFlags extends TargetOptions {
  format: string;
  output?: string;
  severity?: string;
  ignoreUnfixed?: boolean;
  ignorefile?: string;
  vex?: string[];
  exitCode?: string;
  save?: boolean;
  db?: string;
}

function addScanOptions(cmd: Command, image: boolean, vulnerabilities = true): Command {
  cmd
    .option('-f, --format <format>', `output format: ${[...ENCODERS.keys()].join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option('-q, --quiet', 'no progress output');
  if (vulnerabilities) {
    cmd
      .option('--severity <levels>', 'only these severities, e.g. CRITICAL,HIGH')
      .option('--ignore-unfixed', 'drop vulnerabilities that have no fixed version')
      .option('--ignorefile <file>', 'YAML ignore rules (default: ./.bulwarkignore when present)')
      .option('--vex <file>', 'OpenVEX or CycloneDX VEX document (repeatable)', collect, [])
      .option('--exit-code <n>', 'exit with this code when any vulnerability remains after the filters')
      .option('--save', 'record the scan (target, digest, packages, findings) in the store')
      .option(
        '--db <url>',
        'advisory database: postgres://… URL or a directory (default $BULWARK_DB, $BULWARK_HOME)',
      );
  }
  if (image) {
    cmd
      .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--insecure', 'allow plain HTTP and unverified TLS for the registry')
      .addOption(new Option('--username <user>', 'registry user name').env('BULWARK_USERNAME'))
      .addOption(new Option('--password <password>', 'registry password or token').env('BULWARK_PASSWORD'));
  }
  return cmd;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function run(
  target: string,
  mode: TargetMode | 'sbom-file',
  flags: ScanFlags,
  signal: AbortSignal,
  vulnerabilities: boolean,
): Promise<void> {
  const encode = encoderFor(flags.format); // before the scan: a typo should not cost a pull
  // Loaded on demand: `bulwark --version` and `--help` never load the extractors or the store.
  const prepared = vulnerabilities ? await prepareVulnerabilityScan(flags, signal) : undefined;
  try {
    let result: ScanResult;
    if (mode === 'sbom-file') {
      const { readSbom } = await import('../../extract/sbom/read-sbom.ts');
      result = await readSbom(target, { signal });
    } else {
      const { scanTarget } = await import('../scan-target.ts');
      result = await scanTarget(
        target,
        mode,
        { ...flags, platform: flags.platform ?? 'linux/amd64' },
        signal,
      );
    }
    if (mode === 'repository') {
      // A checkout's Dockerfiles and manifests are part of what `repo` reviews.
      const { checkConfigPath } = await import('../../policy/check-config-path.ts');
      const checked = await checkConfigPath(target, { signal });
      result = {
        ...result,
        errors: [...result.errors, ...checked.errors],
        misconfigurations: checked.misconfigurations,
      };
    }
    if (vulnerabilities && result.image) {
      // The image's own configuration: user, environment, exposed ports, entrypoint.
      const { checkImageConfig } = await import('../../policy/image-config/check-image-config.ts');
      const misconfigurations = checkImageConfig(result.image);
      result = { ...result, misconfigurations: [...(result.misconfigurations ?? []), ...misconfigurations] };
    }
    if (prepared) {
      const { scanVulnerabilities } = await import('../../match/scan-vulnerabilities.ts');
      const { result: matched, notices } = await scanVulnerabilities(result, prepared.store, {
        ...prepared.options,
        signal,
      });
      for (const n of notices) process.stderr.write(`bulwark: ${n}\n`);
      result = matched;
      const { ignore } = prepared.options;
      if (ignore && result.misconfigurations) {
        const { applyIgnoreRulesToConfig } = await import(
          '../../match/filters/apply-ignore-rules-to-config.ts'
        );
        result = { ...result, misconfigurations: applyIgnoreRulesToConfig(result.misconfigurations, ignore) };
      }
      if (flags.save) {
        const id = await prepared.store.saveScan(result, { reference: target });
        if (!flags.quiet) process.stderr.write(`bulwark: scan saved as ${id}\n`);
      }
    }
    await writeOutput(encode(result, { color: useColor(flags.output) }), flags.output);
    const remaining = result.vulnerabilities?.findings.filter((f) => !f.suppressed).length ?? 0;
    if (prepared?.exitCode !== undefined && remaining > 0) process.exitCode = prepared.exitCode;
  } finally {
    await prepared?.store.close();
  }
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function useColor(output: string | undefined): boolean {
  return (!output || output === '-') && process.stdout.isTTY === true && !process.env.NO_COLOR;
}

/**
 * Everything that can fail before the (possibly long) scan: flags, the ignore and VEX files, the
 * database — so a typo or a missing database costs nothing.
 */
async function prepareVulnerabilityScan(flags: ScanFlags, signal: AbortSignal) {
  const { parseSeverityList } = await import('../../match/filters/filter-by-severity.ts');
  const options: {
    severities?: Severity[];
    ignoreUnfixed?: boolean;
    ignore?: IgnoreRules;
    vex?: VexStatements;
  } = {};
  if (flags.severity !== undefined) {
    const r = parseSeverityList(flags.severity);
    if (!r.ok) throw new BulwarkError(ErrorCodes.USAGE, `--severity: ${r.error}`);
    options.severities = r.value;
  }
  let exitCode: number | undefined;
  if (flags.exitCode !== undefined) {
    exitCode = Number(flags.exitCode);
    if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) {
      throw new BulwarkError(ErrorCodes.USAGE, `--exit-code "${flags.exitCode}": use a number from 0 to 255`);
    }
  }
  if (flags.ignoreUnfixed) options.ignoreUnfixed = true;
  const ignorefile = flags.ignorefile ?? (existsSync(DEFAULT_IGNORE_FILE) ? DEFAULT_IGNORE_FILE : undefined);
  if (ignorefile !== undefined) {
    const { loadIgnoreFile } = await import('../../match/filters/ignore-file.ts');
    options.ignore = await loadIgnoreFile(ignorefile, new Date());
  }
  if (flags.vex && flags.vex.length > 0) {
    const { loadVex } = await import('../../match/filters/load-vex.ts');
    const { mergeVexStatements } = await import('../../match/filters/vex-statement.ts');
    options.vex = mergeVexStatements(await Promise.all(flags.vex.map((f) => loadVex(f))));
  }
  const { openStore } = await import('../../store/open-store.ts');
  const store = await openStore({ ...storeOptions(flags.db), signal });
  try {
    if ((await store.sources()).length === 0) {
      throw new BulwarkError(
        ErrorCodes.DB_EMPTY,
        'The advisory database is empty: run `bulwark db update` (or `bulwark db import <dir>`) first, ' +
          'or use `bulwark sbom` for packages only',
      );
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  return { store, options, exitCode };
}

/** The ignore file read when `--ignorefile` is not given, as Trivy reads `.trivyignore`. */
const DEFAULT_IGNORE_FILE = '.bulwarkignore';

/**
 * `sbom`, `image`, `rootfs`, `fs`, `repo`: one pipeline, five doors. `sbom` writes the SBOM only
 * (`sbom scan <file>` matches an existing CycloneDX or SPDX SBOM); the others add findings.
 */
export function registerScanCommands(program: Command, signal: AbortSignal): void {
  addScanOptions(
    program
      .command('sbom')
      .description(
        'generate an SBOM of an image (archive, OCI layout, registry ref) or a root filesystem directory; ' +
          '`sbom scan <file>` matches an existing CycloneDX or SPDX JSON SBOM against the advisory database',
      )
      .argument('<target>', 'image archive, OCI layout dir[:tag], registry ref, or directory; or `scan`')
      .argument('[file]', 'with `scan`: the SBOM file'),
    true,
  ).action((target: string, file: string | undefined, flags: ScanFlags) => {
    if (target === 'scan' && file !== undefined) return run(file, 'sbom-file', flags, signal, true);
    if (file !== undefined) {
      throw new BulwarkError(
        ErrorCodes.USAGE,
        `unexpected argument "${file}" (did you mean \`bulwark sbom scan ${file}\`?)`,
      );
    }
    return run(target, 'auto', flags, signal, false);
  });

  addScanOptions(
    program
      .command('image')
      .description(
        'scan a container image: docker-archive, oci-archive, OCI layout directory or registry reference',
      )
      .argument('<image>', 'e.g. alpine:3.18, registry.example/repo@sha256:…, image.tar, oci-dir:tag'),
    true,
  ).action((target: string, flags: ScanFlags) => run(target, 'image', flags, signal, true));

  addScanOptions(
    program
      .command('rootfs')
      .description(
        'scan a directory that is a root filesystem (an unpacked image, a chroot, a mounted host disk)',
      )
      .argument('<dir>'),
    false,
  ).action((target: string, flags: ScanFlags) => run(target, 'rootfs', flags, signal, true));

  addScanOptions(
    program
      .command('repo')
      .description('scan a source repository checkout: lockfiles and manifests (VCS folders skipped)')
      .argument('<dir>'),
    false,
  ).action((target: string, flags: ScanFlags) => run(target, 'repository', flags, signal, true));

  addScanOptions(
    program
      .command('fs')
      .description('scan a directory tree (a project checkout, an application folder)')
      .argument('<dir>'),
    false,
  ).action((target: string, flags: ScanFlags) => run(target, 'filesystem', flags, signal, true));
}
