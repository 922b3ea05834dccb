import type { DockerfileRule } from '../dockerfile-rule.ts';
import { hasOption, isInstall, type PackageCommand, packageCommand } from '../package-commands.ts';
import { runCommands } from '../run-commands.ts';
import { allCommands } from '../shell-commands.ts';

type MessageId = 'apt' | 'apk' | 'pip' | 'npm';

/** Operands that are not package names from a repository: files, URLs, variables we cannot see. */
function isLocalOrUnknown(p: string): boolean {
  return p.includes('$') || p.includes('://') || /^[./~]/.test(p);
}

/** The operands of an install that name a package without fixing its version. */
export function unpinnedPackages(p: PackageCommand): string[] {
  if (!isInstall(p)) return [];
  const operands = p.operands.filter((o) => !isLocalOrUnknown(o));
  switch (p.manager) {
    case 'apt':
      // `pkg=1.2-3`; `pkg/bookworm-backports` picks a release; `.deb` files are local.
      return operands.filter((o) => !o.includes('=') && !o.includes('/') && !o.endsWith('.deb'));
    case 'apk':
      return operands.filter((o) => !/[=<>~]/.test(o) && !o.endsWith('.apk'));
    case 'pip':
      // A constraints file pins everything; only `==`/`===` fixes a version, `>=` does not.
      if (hasOption(p, '-c', '--constraint')) return [];
      return operands.filter(
        (o) =>
          !o.includes('==') &&
          !o.includes('/') &&
          !/\.(?:whl|zip|tar\.gz|tgz)$/.test(o) &&
          !o.startsWith('git+'),
      );
    case 'npm': {
      // Only global installs: a project install follows its package-lock.json.
      const global =
        hasOption(p, '-g', '--global') ||
        p.options.includes('--location global') ||
        p.options.includes('--location=global');
      if (!global) return [];
      return operands.filter((o) => {
        if (/^(?:git\+|github:|gitlab:|bitbucket:|file:)/.test(o) || /\.(?:tgz|tar\.gz)$/.test(o))
          return false;
        const at = o.indexOf('@', 1);
        // `pkg@1.2.3`, `@scope/pkg@1.2.3`: a version starts with a digit (or `v1`, `=1`); a dist-tag
        // like `latest` or a range like `^1.2` moves.
        return at === -1 || !/^[v=]?\d/.test(o.slice(at + 1));
      });
    }
    default:
      return [];
  }
}

/** The first few names, so one huge install line does not make a huge message. */
function listed(packages: readonly string[], max = 10): string {
  const shown = packages.slice(0, max).join(', ');
  return packages.length > max ? `${shown} and ${packages.length - max} more` : shown;
}

/** BW-DF-007: packages are installed at fixed versions. */
export const unpinnedPackagesRule: DockerfileRule<MessageId> = {
  id: 'BW-DF-007',
  severity: 'LOW',
  title: 'Packages installed without a pinned version',
  description:
    'An install without versions takes whatever the repository has on the day of the build, so two ' +
    'builds of one Dockerfile differ and a fixed vulnerability can come back. Pinned means: ' +
    '`apt-get install pkg=1.2-3` (or a `.deb` file, or `pkg/release`); `apk add pkg=1.2.3-r0` (or ' +
    '`~`, `<`, `>`); `pip install pkg==1.2.3` (or a constraints file `-c`, a requirements file `-r`, a ' +
    'local path, wheel or URL); `npm install -g pkg@1.2.3` (project installs follow package-lock.json; ' +
    'dist-tags like `@latest` and ranges like `@^1` are not pins). Operands that are variables are not ' +
    'checked. yum, dnf and zypper are not checked: their `name-version` form is ambiguous.',
  remediation:
    'Pin each package to the version you tested (`apt-get install -y curl=8.5.0-2ubuntu10.6`), or use a ' +
    'lock or constraints file, and update the pins deliberately.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'DL3008',
    'DL3018',
    'DL3013',
    'DL3016',
  ],
  messages: {
    apt: '{program} install without versions for: {packages}',
    apk: '{program} add without versions for: {packages}',
    pip: '{program} install without == versions for: {packages}',
    npm: '{program} install -g without versions for: {packages}',
  },
  *check(dockerfile) {
    for (const stage of dockerfile.stages)
      for (const ins of stage.instructions)
        for (const cmd of allCommands(runCommands(ins))) {
          const p = packageCommand(cmd);
          if (
            !p ||
            !(p.manager === 'apt' || p.manager === 'apk' || p.manager === 'pip' || p.manager === 'npm')
          )
            continue;
          const packages = unpinnedPackages(p);
          if (packages.length === 0) continue;
          yield {
            messageId: p.manager,
            stage: stage.index,
            startLine: ins.startLine,
            endLine: ins.endLine,
            data: { program: p.program, packages: listed(packages) },
          };
        }
  },
};
