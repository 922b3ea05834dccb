import { existsSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * `taskset -c <cpu> cmd args…` when taskset exists and the machine has two cores or more, so a
 * measured process keeps one core to itself; the command unchanged otherwise.
 */
export function pinned(cpu: number, cmd: string, args: readonly string[]): [string, string[]] {
  if (cpus().length >= 2 && existsSync('/usr/bin/taskset'))
    return ['/usr/bin/taskset', ['-c', String(cpu), cmd, ...args]];
  return [cmd, [...args]];
}
