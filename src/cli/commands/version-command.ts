import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { schemeForEcosystem } from '../../version/ecosystems.ts';
import { compareRaw } from '../../version/version-scheme.ts';

/**
 * `bulwark version compare --ecosystem <OSV ecosystem> A B` prints -1, 0 or 1, like
 * `dpkg --compare-versions` but for every ecosystem; `--batch` reads `A<TAB>B` lines on stdin.
 */
export function registerVersionCommand(program: Command): void {
  const version = program.command('version').description('version arithmetic of every ecosystem');
  version
    .command('compare')
    .description('compare two versions: prints -1 (A < B), 0 or 1')
    .requiredOption(
      '-e, --ecosystem <ecosystem>',
      'OSV ecosystem: Debian, Alpine, Red Hat, npm, PyPI, Maven, Go…',
    )
    .option('--batch', 'read "A<TAB>B" lines on stdin, print one result per line')
    .argument('[a]')
    .argument('[b]')
    .action(
      async (a: string | undefined, b: string | undefined, flags: { ecosystem: string; batch?: boolean }) => {
        const scheme = schemeForEcosystem(flags.ecosystem);
        if (!scheme) {
          throw new BulwarkError(
            ErrorCodes.USAGE,
            `--ecosystem "${flags.ecosystem}": no version scheme for this ecosystem`,
          );
        }
        if (!flags.batch) {
          if (a === undefined || b === undefined)
            throw new BulwarkError(ErrorCodes.USAGE, 'version compare needs two versions (or --batch)');
          const r = compareRaw(scheme, a, b);
          if (!r.ok)
            throw new BulwarkError(ErrorCodes.PARSE, `invalid ${flags.ecosystem} version ${r.error}`);
          process.stdout.write(`${r.value}\n`);
          return;
        }
        let lineNo = 0;
        const out: string[] = [];
        for await (const line of createInterface({
          input: process.stdin,
          crlfDelay: Number.POSITIVE_INFINITY,
        })) {
          lineNo++;
          if (line.trim() === '') continue;
          const [x, y, extra] = line.split('\t');
          const r =
            x === undefined || y === undefined || extra !== undefined ? undefined : compareRaw(scheme, x, y);
          if (!r?.ok) {
            // Results before the bad line are still printed, so a caller can tell where it stopped.
            if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
            const why = r ? `invalid ${flags.ecosystem} version ${r.error}` : 'expected "A<TAB>B"';
            throw new BulwarkError(ErrorCodes.PARSE, `stdin line ${lineNo}: ${why}`);
          }
          out.push(String(r.value));
          if (out.length >= 4096) process.stdout.write(`${out.splice(0).join('\n')}\n`);
        }
        if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
      },
    );
}
