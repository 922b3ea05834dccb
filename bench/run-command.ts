import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Resolve with the result instead of throwing when the command exits non-zero. */
  readonly allowFailure?: boolean;
}

/** Runs a command to completion, collecting its output; throws (with the output's tail) when it fails. */
export function runCommand(
  cmd: string,
  args: readonly string[],
  opts: RunCommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const result = {
        code: code ?? 128,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (result.code === 0 || opts.allowFailure) {
        resolve(result);
        return;
      }
      const tail = `${result.stderr}${result.stdout}`.trim().split('\n').slice(-15).join('\n');
      reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${result.code}`}):\n${tail}`));
    });
  });
}
