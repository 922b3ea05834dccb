import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinned } from './pinned.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a bench server script (`node --import tsx <script> <args…>`) pinned to `cpu`, and waits for
 * the one JSON line `{"url":…,"caPem":…}` it prints on stdout when it listens.
 */
export async function startServerProcess(
  script: string,
  args: readonly string[],
  cpu: number,
): Promise<{ child: ChildProcess; url: string; caPem: string }> {
  const [cmd, argv] = pinned(cpu, process.execPath, ['--import', 'tsx', script, ...args]);
  const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<{ url: string; caPem: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the webhook server did not start within 60 s')), 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; caPem: string });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the webhook server exited (${code}) before it was ready`));
    });
  });
  return { child, ...ready };
}
