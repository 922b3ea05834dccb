import { programName, type ShellCommand, unwrapCommand } from './shell-commands.ts';

export type PackageManager = 'apt' | 'apk' | 'pip' | 'npm' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

/** One package-manager command: what it is, its options and its operands (the packages, mostly). */
export interface PackageCommand {
  readonly manager: PackageManager;
  /** The program as written (`apt-get`, `pip3`, `python3 -m pip`). */
  readonly program: string;
  /** `install`, `add`, `clean`… */
  readonly subcommand: string;
  readonly options: readonly string[];
  /** Operands after the subcommand. */
  readonly operands: readonly string[];
}

/** Options that take the next word as their value, by manager. */
const VALUED: Readonly<Record<PackageManager, ReadonlySet<string>>> = {
  apt: new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']),
  apk: new Set([
    '-X',
    '--repository',
    '-t',
    '--virtual',
    '-p',
    '--root',
    '--arch',
    '--cache-dir',
    '--keys-dir',
    '--repositories-file',
  ]),
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--trusted-host',
    '--src',
    '--upgrade-strategy',
    '--progress-bar',
    '--cache-dir',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--cert',
    '--client-cert',
    '--global-option',
    '--config-settings',
    '-C',
    '--only-binary',
    '--no-binary',
    '--report',
    '--python',
  ]),
  npm: new Set([
    '--prefix',
    '--registry',
    '--tag',
    '--cache',
    '--userconfig',
    '-w',
    '--workspace',
    '--location',
  ]),
  yum: new Set([
    '-c',
    '--config',
    '--installroot',
    '--releasever',
    '--setopt',
    '--enablerepo',
    '--disablerepo',
    '-x',
    '--exclude',
  ]),
  dnf: new Set([
    '-c',
    '--config',
    '--installroot',
    '--releasever',
    '--setopt',
    '--enablerepo',
    '--disablerepo',
    '-x',
    '--exclude',
    '--repo',
  ]),
  microdnf: new Set([
    '--config',
    '--installroot',
    '--releasever',
    '--setopt',
    '--enablerepo',
    '--disablerepo',
  ]),
  zypper: new Set(['-r', '--repo', '--root', '-R', '--reposd-dir', '-C', '--cache-dir', '-t', '--type']),
};

const MANAGERS: Readonly<Record<string, PackageManager>> = {
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
  apk: 'apk',
  npm: 'npm',
  yum: 'yum',
  dnf: 'dnf',
  tdnf: 'dnf',
  microdnf: 'microdnf',
  zypper: 'zypper',
};

/**
 * Reads a command as a package-manager invocation, past `sudo`/`env` wrappers: `apt-get -y install
 * curl`, `apk add --no-cache git`, `pip3 install x`, `python3 -m pip install x`, `npm i -g x`,
 * `/app/venv/bin/pip install x`. Undefined for anything else.
 */
export function packageCommand(cmd: ShellCommand): PackageCommand | undefined {
  let words = unwrapCommand(cmd.words);
  let program = programName(words[0]);
  let manager = MANAGERS[program];
  if (/^pip[0-9.]*$/.test(program)) manager = 'pip';
  else if (/^python[0-9.]*$/.test(program) && words[1] === '-m' && /^pip[0-9.]*$/.test(words[2] ?? '')) {
    manager = 'pip';
    program = `${program} -m pip`;
    words = words.slice(2);
  }
  if (manager === undefined) return undefined;
  const valued = VALUED[manager];
  const options: string[] = [];
  const operands: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      for (const rest of words.slice(i + 1)) operands.push(rest);
      break;
    }
    if (w.startsWith('-') && w.length > 1) {
      if (valued.has(w) && i + 1 < words.length) options.push(`${w} ${words[++i]}`);
      else options.push(w);
    } else operands.push(w);
  }
  const [subcommand = '', ...rest] = operands;
  return { manager, program, subcommand, options, operands: rest };
}

/** True when the command installs packages (`install`, `in`, `add`, `i`…) for its manager. */
export function isInstall(p: PackageCommand): boolean {
  switch (p.manager) {
    case 'apk':
      return p.subcommand === 'add';
    case 'npm':
      return [
        'install',
        'i',
        'add',
        'isntall',
        'in',
        'ins',
        'inst',
        'insta',
        'instal',
        'isnt',
        'isnta',
        'isntal',
      ].includes(p.subcommand);
    case 'dnf':
    case 'zypper':
      return p.subcommand === 'install' || p.subcommand === 'in';
    case 'yum':
      return p.subcommand === 'install' || p.subcommand === 'groupinstall';
    default:
      return p.subcommand === 'install';
  }
}

/** The option given, as a flag or with its value (`--virtual .deps` → `--virtual`). */
export function hasOption(p: PackageCommand, ...names: string[]): boolean {
  return p.options.some((o) => names.includes(o.split(/[ =]/)[0]!));
}
