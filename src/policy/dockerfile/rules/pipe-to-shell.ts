import type { DockerfileRule } from '../dockerfile-rule.ts';
import { runCommands, SHELLS } from '../run-commands.ts';
import { allCommands, programName, type ShellCommand, unwrapCommand } from '../shell-commands.ts';

type MessageId = 'pipeToShell' | 'executesDownload';

const FETCHERS = new Set(['curl', 'wget', 'fetch', 'aria2c']);

function isInterpreter(name: string): boolean {
  return SHELLS.has(name) || /^(?:python[0-9.]*|perl|ruby|node|php)$/.test(name);
}

function program(cmd: ShellCommand): string {
  return programName(unwrapCommand(cmd.words)[0]);
}

/** The fetcher run inside a command's substitutions (`$(curl …)`, `<(wget …)`), if any. */
function fetchedBy(cmd: ShellCommand): string | undefined {
  return allCommands(cmd.substitutions)
    .map(program)
    .find((p) => FETCHERS.has(p));
}

interface Hit {
  readonly messageId: MessageId;
  readonly fetcher: string;
  readonly shell: string;
}

function* hits(commands: readonly ShellCommand[]): Generator<Hit> {
  for (const cmd of commands) {
    const shell = program(cmd);
    // `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -qO- …)"`, `. <(curl …)`.
    if (isInterpreter(shell) || shell === 'eval' || shell === 'source' || shell === '.') {
      const fetcher = fetchedBy(cmd);
      if (fetcher) yield { messageId: 'executesDownload', fetcher, shell };
    }
    // `curl … | sh`, `wget -qO- … | sudo bash -s --`, `curl … | tee x | python3`.
    if (isInterpreter(shell)) {
      const fetcher = commands
        .filter((c) => c.pipeline === cmd.pipeline && c.position < cmd.position)
        .map(program)
        .find((p) => FETCHERS.has(p));
      if (fetcher) yield { messageId: 'pipeToShell', fetcher, shell };
    }
    yield* hits(cmd.substitutions);
  }
}

/** BW-DF-004: RUN does not pipe a download straight into a shell. */
export const pipeToShell: DockerfileRule<MessageId> = {
  id: 'BW-DF-004',
  severity: 'HIGH',
  title: 'RUN pipes a download into a shell',
  description:
    '`curl … | sh` and its kin (`wget -qO- … | bash`, `sh -c "$(curl …)"`, `bash <(curl …)`) run ' +
    'whatever the server sends, unverified, as the build user (often root). A compromised host, a ' +
    'hijacked DNS name or a truncated download executes in the image, and the Dockerfile does not ' +
    'record what was run. Interpreters (python, perl, ruby, node, php) count as shells.',
  remediation:
    'Download to a file, verify its checksum or signature against a pinned value, then run it: ' +
    '`curl -fsSLo install.sh URL && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`; ' +
    'better, install a pinned package or COPY the tool from a pinned image.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#using-pipes',
    'https://docs.docker.com/reference/dockerfile/#add---checksum',
  ],
  messages: {
    pipeToShell: 'RUN pipes the output of {fetcher} into {shell}',
    executesDownload: 'RUN runs what {fetcher} downloads with {shell}',
  },
  *check(dockerfile) {
    for (const stage of dockerfile.stages)
      for (const ins of stage.instructions) {
        const seen = new Set<string>();
        for (const hit of hits(runCommands(ins))) {
          const key = `${hit.messageId} ${hit.fetcher} ${hit.shell}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield {
            messageId: hit.messageId,
            stage: stage.index,
            startLine: ins.startLine,
            endLine: ins.endLine,
            data: { fetcher: hit.fetcher, shell: hit.shell },
          };
        }
      }
  },
};
