import type { DockerfileInstruction } from '../dockerfile.ts';
import type { DockerfileRule } from '../dockerfile-rule.ts';
import { finalStages } from '../final-stages.ts';
import {
  hasOption,
  isInstall,
  type PackageCommand,
  type PackageManager,
  packageCommand,
} from '../package-commands.ts';
import { runCommands } from '../run-commands.ts';
import { allCommands, programName, unwrapCommand } from '../shell-commands.ts';

type MessageId = 'aptLists' | 'apkCache' | 'yumCache' | 'dnfCache' | 'microdnfCache' | 'zypperCache';

interface Cleanup {
  readonly messageId: MessageId;
  /** Cache directory: removing it with `rm`, or a cache/tmpfs mount on it, also counts. */
  readonly dir: string;
  /** The manager's own clean command counts when it has these operands (`clean all`). */
  readonly clean?: { readonly subcommands: readonly string[]; readonly operand?: string };
}

const CLEANUPS: Partial<Record<PackageManager, Cleanup>> = {
  apt: { messageId: 'aptLists', dir: '/var/lib/apt/lists' },
  apk: { messageId: 'apkCache', dir: '/var/cache/apk', clean: { subcommands: ['cache'], operand: 'clean' } },
  yum: { messageId: 'yumCache', dir: '/var/cache/yum', clean: { subcommands: ['clean'], operand: 'all' } },
  dnf: { messageId: 'dnfCache', dir: '/var/cache/dnf', clean: { subcommands: ['clean'], operand: 'all' } },
  microdnf: {
    messageId: 'microdnfCache',
    dir: '/var/cache/yum',
    clean: { subcommands: ['clean'], operand: 'all' },
  },
  zypper: { messageId: 'zypperCache', dir: '/var/cache/zypp', clean: { subcommands: ['clean', 'cc'] } },
};

/** `RUN --mount=type=cache,target=/var/cache/apk …` keeps the cache out of the layer. */
function mountsOver(ins: DockerfileInstruction, dir: string): boolean {
  return ins.flags.some((f) => {
    if (f.name !== 'mount' || f.value === undefined) return false;
    const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value)?.[1];
    return target !== undefined && (dir.startsWith(target.replace(/\/+$/, '')) || target.startsWith(dir));
  });
}

function isCleanup(p: PackageCommand | undefined, c: Cleanup): boolean {
  if (!p?.subcommand || !c.clean?.subcommands.includes(p.subcommand)) return false;
  return c.clean.operand === undefined || p.operands.includes(c.clean.operand);
}

function removes(words: readonly string[], dir: string): boolean {
  const w = unwrapCommand(words);
  return programName(w[0]) === 'rm' && w.slice(1).some((a) => a.startsWith(dir));
}

/** BW-DF-008: package-manager caches do not stay in the image's layers. */
export const packageCache: DockerfileRule<MessageId> = {
  id: 'BW-DF-008',
  severity: 'LOW',
  title: 'Package-manager cache left in the image',
  description:
    'A layer keeps what its RUN wrote, so package indexes and downloaded packages not removed in the ' +
    'same RUN stay in the image for good: tens of megabytes, and stale metadata. After the last install ' +
    'of a RUN, the same RUN must remove them: apt-get/apt `rm -rf /var/lib/apt/lists/*`; apk ' +
    '`--no-cache` (or `--no-network`, `apk cache clean`, `rm -rf /var/cache/apk/*`); yum, dnf, ' +
    'microdnf `<manager> clean all`; zypper `zypper clean`. A RUN with a cache or tmpfs mount on the ' +
    'cache directory is fine. Only the final stage and the stages it is built on are checked: a ' +
    "builder stage's layers do not ship.",
  remediation:
    'End the RUN that installs with the cleanup (`apt-get update && apt-get install -y … && rm -rf ' +
    '/var/lib/apt/lists/*`, `apk add --no-cache …`, `dnf install -y … && dnf clean all`), or use ' +
    '`RUN --mount=type=cache,target=<cache dir>`.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
    'DL3009',
    'DL3019',
    'DL3032',
    'DL3040',
    'DL3036',
    'DS015',
    'DS019',
    'DS025',
  ],
  messages: {
    aptLists: '{program} install without removing /var/lib/apt/lists/* in the same RUN',
    apkCache: 'apk add without --no-cache',
    yumCache: 'yum install without "yum clean all" after it in the same RUN',
    dnfCache: '{program} install without "{program} clean all" after it in the same RUN',
    microdnfCache: 'microdnf install without "microdnf clean all" after it in the same RUN',
    zypperCache: 'zypper install without "zypper clean" after it in the same RUN',
  },
  *check(dockerfile) {
    for (const stage of finalStages(dockerfile))
      for (const ins of stage.instructions) {
        const commands = allCommands(runCommands(ins));
        const packages = commands.map(packageCommand);
        const reported = new Set<MessageId>();
        for (const [i, p] of packages.entries()) {
          const c = p && isInstall(p) ? CLEANUPS[p.manager] : undefined;
          if (!p || !c || reported.has(c.messageId) || mountsOver(ins, c.dir)) continue;
          if (p.manager === 'apk' && hasOption(p, '--no-cache', '--no-network')) continue;
          const cleaned = commands.some(
            (cmd, j) => j > i && (removes(cmd.words, c.dir) || isCleanup(packages[j], c)),
          );
          if (cleaned) continue;
          reported.add(c.messageId);
          yield {
            messageId: c.messageId,
            stage: stage.index,
            startLine: ins.startLine,
            endLine: ins.endLine,
            data: { program: p.program },
          };
        }
      }
  },
};
