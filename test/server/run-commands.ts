// Runs `bulwark server` and `bulwark admission …` as main.ts will once they are registered there:
// `node --import tsx test/server/run-commands.ts <args>`. Exit 0, or 2 with `bulwark: <message>`.
import { Command } from 'commander';
import { registerAdmissionCommand } from '../../src/cli/commands/admission-command.ts';
import { registerServerCommand } from '../../src/cli/commands/server-command.ts';
import { errorMessage } from '../../src/core/errors.ts';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const program = new Command('bulwark').exitOverride();
registerServerCommand(program, controller.signal);
registerAdmissionCommand(program);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (e) {
  if ((e as { code?: string }).code?.startsWith('commander.')) process.exit(2);
  process.stderr.write(`bulwark: ${errorMessage(e)}\n`);
  process.exitCode = 2;
}
