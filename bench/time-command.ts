import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command.ts';

export interface Timing {
  /** Wall-clock seconds from spawn to exit. */
  readonly seconds: number;
  /** Peak resident set size in KiB, from GNU time's `%M`. */
  readonly maxRssKb: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command under `/usr/bin/time -f %M` and reports its wall time and peak RSS.
 * GNU time adds well under a millisecond; it writes its figure to a file so the command's own
 * stderr stays intact. Throws when the command fails.
 */
export async function timeCommand(
  cmd: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Timing> {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-bench-'));
  const rssFile = join(dir, 'rss');
  try {
    const start = process.hrtime.bigint();
    const result = await runCommand('/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args], opts);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const rss = Number.parseInt((await readFile(rssFile, 'utf8')).trim().split('\n').pop() ?? '', 10);
    return {
      seconds,
      maxRssKb: Number.isFinite(rss) ? rss : 0,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
