import type { Command } from 'commander';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { ExitCode } from '../../core/exit-codes.ts';
import { readInputFile } from '../../match/filters/read-input-file.ts';

/** A policy is a short hand-written file. */
const POLICY_MAX_BYTES = 1024 * 1024;
/** Reports of large images run to tens of MB; JSON.parse cannot take much more than this. */
const REPORT_MAX_BYTES = 256 * 1024 * 1024;

async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buf.length;
    if (total > maxBytes) {
      throw new BulwarkError(
        ErrorCodes.FILE_TOO_LARGE,
        `stdin: the report is larger than ${maxBytes} bytes`,
        {
          subject: '-',
        },
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `bulwark gate --policy <file> <report.json|->`: the release gate (准出). Prints `PASS`, or one
 * `FAIL <rule>: <message>` line per failed rule followed by its items, indented. Exit code 0 when
 * the gate passes, 1 when it fails (set on `process.exitCode`: main must return it), 2 for bad
 * usage or an unusable policy or report (thrown as BulwarkError).
 */
export function registerGateCommand(program: Command): void {
  program
    .command('gate')
    .description('release gate: evaluate a policy against a Bulwark JSON report (exit 0 pass, 1 fail)')
    .requiredOption('-p, --policy <file>', 'gate policy (YAML, see docs/gate-policy.md)')
    .argument('<report>', 'a report written with --format json, or - for stdin')
    .action(async (reportPath: string, flags: { policy: string }) => {
      // Loaded here, not at start-up: the gate (and the YAML parser) serve this command only.
      const { parseGatePolicy } = await import('../../policy/gate/parse-gate-policy.ts');
      const { parseGateReport } = await import('../../policy/gate/gate-report.ts');
      const { evaluateGate } = await import('../../policy/gate.ts');
      const { formatGateResult } = await import('../../policy/gate/format-gate-result.ts');
      const policy = parseGatePolicy(
        await readInputFile(flags.policy, 'gate policy', POLICY_MAX_BYTES),
        flags.policy,
      );
      const text =
        reportPath === '-'
          ? await readStdin(REPORT_MAX_BYTES)
          : await readInputFile(reportPath, 'report', REPORT_MAX_BYTES);
      const result = evaluateGate(policy, parseGateReport(text, reportPath === '-' ? 'stdin' : reportPath));
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(formatGateResult(result), (e) => (e ? reject(e) : resolve())),
      );
      if (!result.passed) process.exitCode = ExitCode.FINDINGS;
    });
}
