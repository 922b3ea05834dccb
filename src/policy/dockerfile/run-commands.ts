import type { DockerfileInstruction } from './dockerfile.ts';
import { parseShell, programName, type ShellCommand } from './shell-commands.ts';

/** Interpreters that read a script on standard input or with `-c`. */
export const SHELLS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'ash',
  'dash',
  'zsh',
  'ksh',
  'mksh',
  'busybox',
]);

/**
 * The commands a RUN instruction runs: its shell form, an exec form (`["sh", "-c", "…"]` is read
 * as the script it runs), and the here-documents that are shell scripts (`RUN <<EOF`,
 * `RUN bash <<EOF`); a heredoc fed to another program (`RUN python3 <<EOF`), or whose `#!` line
 * names another interpreter, is not shell, and neither is a RUN under a non-POSIX SHELL.
 * Pipelines are numbered across the whole instruction.
 */
export function runCommands(ins: DockerfileInstruction): readonly ShellCommand[] {
  if (ins.keyword !== 'RUN') return [];
  // Several rules read the same RUN; instructions are immutable, so parse each once.
  let commands = parsed.get(ins);
  if (!commands) {
    commands = parseRun(ins);
    parsed.set(ins, commands);
  }
  return commands;
}

const parsed = new WeakMap<DockerfileInstruction, readonly ShellCommand[]>();

function parseRun(ins: DockerfileInstruction): ShellCommand[] {
  if (ins.execForm) {
    const [prog, flag, script] = ins.execForm;
    if (SHELLS.has(programName(prog)) && flag === '-c' && script !== undefined) return parseShell(script);
    return ins.execForm.length > 0
      ? [{ words: ins.execForm, pipeline: 0, position: 0, heredocs: [], substitutions: [] }]
      : [];
  }
  // Under `SHELL ["pwsh", …]` or `["cmd", "/S", "/C"]` the text is not POSIX shell.
  if (ins.shell && !SHELLS.has(programName(ins.shell[0]))) return [];
  const out = parseShell(ins.args);
  for (const cmd of [...out]) {
    const isShell = cmd.words.length === 0 || SHELLS.has(programName(cmd.words[0]));
    if (!isShell) continue;
    for (const name of cmd.heredocs) {
      const doc = ins.heredocs.find((h) => h.name === name);
      if (!doc || !isShellScript(doc.content)) continue;
      const offset = out.reduce((max, c) => Math.max(max, c.pipeline), 0) + 1;
      for (const c of parseShell(doc.content)) out.push({ ...c, pipeline: c.pipeline + offset });
    }
  }
  return out;
}

/** A script without a `#!` line, or whose `#!` names a shell (`#!/bin/sh`, `#!/usr/bin/env bash`). */
function isShellScript(content: string): boolean {
  if (!content.startsWith('#!')) return true;
  const firstLine = content.split('\n', 1)[0] ?? '';
  const words = firstLine.slice(2).trim().split(/\s+/);
  const interpreter =
    programName(words[0]) === 'env' ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0];
  return SHELLS.has(programName(interpreter));
}
