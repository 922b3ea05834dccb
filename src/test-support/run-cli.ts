import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where the CLI runs in tests. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Node's arguments that run the CLI from source (no build needed). */
export const CLI_ARGS: readonly string[] = ['--import', 'tsx', join(REPO_ROOT, 'src/cli/run.ts')];

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An environment with its own BULWARK_HOME, no BULWARK_DB and no colours. */
export function cliEnv(home: string): NodeJS.ProcessEnv {
  return { ...process.env, BULWARK_HOME: home, BULWARK_DB: '', NO_COLOR: '1' };
}

const MAX_BUFFER = 256 * 1024 * 1024;

/** Runs `bulwark <args>` to completion with its own BULWARK_HOME. */
export function runCli(home: string, args: readonly string[], timeoutMs = 300_000): CliResult {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    timeout: timeoutMs,
    env: cliEnv(home),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As {@link runCli}, without blocking this process: for tests that serve HTTP to the CLI. */
export function runCliAsync(home: string, args: readonly string[], timeoutMs = 300_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI_ARGS, ...args],
      { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: MAX_BUFFER, env: cliEnv(home) },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}
