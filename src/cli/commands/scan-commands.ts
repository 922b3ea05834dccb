import { type Command, Option } from 'commander';
import { ENCODERS, encoderFor } from '../../report/registry.ts';
import type { TargetMode, TargetOptions } from '../scan-target.ts';
import { writeOutput } from '../write-output.ts';

interface ScanFlags extends TargetOptions {
  format: string;
  output?: string;
}

function addScanOptions(cmd: Command, image: boolean): Command {
  cmd
    .option('-f, --format <format>', `output format: ${[...ENCODERS.keys()].join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option('-q, --quiet', 'no progress output');
  if (image) {
    cmd
      .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--insecure', 'allow plain HTTP and unverified TLS for the registry')
      .addOption(new Option('--username <user>', 'registry user name').env('BULWARK_USERNAME'))
      .addOption(new Option('--password <password>', 'registry password or token').env('BULWARK_PASSWORD'));
  }
  return cmd;
}

async function run(target: string, mode: TargetMode, flags: ScanFlags, signal: AbortSignal): Promise<void> {
  const encode = encoderFor(flags.format); // before the scan: a typo should not cost a pull
  // Loaded on demand: `bulwark --version` and `--help` never load the extractors.
  const { scanTarget } = await import('../scan-target.ts');
  const result = await scanTarget(
    target,
    mode,
    { ...flags, platform: flags.platform ?? 'linux/amd64' },
    signal,
  );
  await writeOutput(encode(result), flags.output);
}

/** `sbom`, `image`, `rootfs`, `fs`: one pipeline, four doors. Matching (issue 4) adds findings to the last three. */
export function registerScanCommands(program: Command, signal: AbortSignal): void {
  addScanOptions(
    program
      .command('sbom')
      .description(
        'generate an SBOM of an image (archive, OCI layout, registry ref) or a root filesystem directory',
      )
      .argument('<target>', 'image archive, OCI layout dir[:tag], registry ref, or directory'),
    true,
  ).action((target: string, flags: ScanFlags) => run(target, 'auto', flags, signal));

  addScanOptions(
    program
      .command('image')
      .description(
        'scan a container image: docker-archive, oci-archive, OCI layout directory or registry reference',
      )
      .argument('<image>', 'e.g. alpine:3.18, registry.example/repo@sha256:…, image.tar, oci-dir:tag'),
    true,
  ).action((target: string, flags: ScanFlags) => run(target, 'image', flags, signal));

  addScanOptions(
    program
      .command('rootfs')
      .description(
        'scan a directory that is a root filesystem (an unpacked image, a chroot, a mounted host disk)',
      )
      .argument('<dir>'),
    false,
  ).action((target: string, flags: ScanFlags) => run(target, 'rootfs', flags, signal));

  addScanOptions(
    program
      .command('repo')
      .description('scan a source repository checkout: lockfiles and manifests (VCS folders skipped)')
      .argument('<dir>'),
    false,
  ).action((target: string, flags: ScanFlags) => run(target, 'repository', flags, signal));

  addScanOptions(
    program
      .command('fs')
      .description('scan a directory tree (a project checkout, an application folder)')
      .argument('<dir>'),
    false,
  ).action((target: string, flags: ScanFlags) => run(target, 'filesystem', flags, signal));
}
