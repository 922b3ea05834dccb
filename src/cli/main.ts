import { Command, CommanderError } from 'commander';
import { ErrorCodes, errorMessage, isBulwarkError } from '../core/errors.ts';
import { ExitCode } from '../core/exit-codes.ts';
import { TOOL_VERSION } from '../core/tool-version.ts';
import { registerAdmissionCommand } from './commands/admission-command.ts';
import { registerAuditCommand } from './commands/audit-command.ts';
import { registerConfigCommand } from './commands/config-command.ts';
import { registerDbCommand } from './commands/db-command.ts';
import { registerGateCommand } from './commands/gate-command.ts';
import { registerRulesCommand } from './commands/rules-command.ts';
import { registerScanCommands } from './commands/scan-commands.ts';
import { registerServerCommand } from './commands/server-command.ts';
import { registerVersionCommand } from './commands/version-command.ts';

/** Runs the CLI and returns the exit code (0 ok, 1 findings over --exit-code threshold, 2 usage/input). */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const program = new Command('bulwark')
    .description('Bulwark: container vulnerability defense across the whole life of a workload')
    .version(TOOL_VERSION)
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerScanCommands(program, controller.signal);
  registerVersionCommand(program);
  registerDbCommand(program, controller.signal);
  registerGateCommand(program);
  registerConfigCommand(program, controller.signal);
  registerServerCommand(program, controller.signal);
  registerAdmissionCommand(program);
  registerAuditCommand(program, controller.signal);
  registerRulesCommand(program, controller.signal);
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that succeeded but must fail the pipeline (a gate, `--exit-code` over findings)
    // sets process.exitCode; it is read and cleared here so in-process callers see it once.
    const code = typeof process.exitCode === 'number' ? process.exitCode : ExitCode.OK;
    process.exitCode = undefined;
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE_OR_INPUT;
    }
    if (isBulwarkError(e) && e.code === ErrorCodes.ABORTED) {
      process.stderr.write('bulwark: interrupted\n');
      return ExitCode.USAGE_OR_INPUT;
    }
    const msg = isBulwarkError(e) ? e.message : `internal error: ${errorMessage(e)}`;
    process.stderr.write(`bulwark: ${msg}\n`);
    if (!isBulwarkError(e) && process.env.BULWARK_DEBUG) console.error(e);
    return ExitCode.USAGE_OR_INPUT;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
