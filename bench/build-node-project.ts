import { copyFile, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.ts';

/** The issue asks for a node_modules tree of at least this many packages. */
export const MIN_NODE_PACKAGES = 1500;

/**
 * A large, real front-end project: Create React App (react-scripts) plus Gatsby, with their own
 * jest, webpack, Babel, ESLint and TypeScript. The direct dependencies are pinned; the resolved
 * tree is kept in the package-lock.json npm writes, so a reinstall installs the same versions.
 * Changing PROJECT rebuilds the project (and resolves the tree afresh).
 */
const PROJECT = {
  name: 'bulwark-bench-node-project',
  version: '1.0.0',
  private: true,
  description: 'Benchmark input for bulwark fs (bench/build-node-project.ts); recipe 1',
  dependencies: {
    '@babel/core': '7.25.2',
    eslint: '8.57.0',
    gatsby: '5.13.7',
    jest: '29.7.0',
    react: '18.3.1',
    'react-dom': '18.3.1',
    'react-scripts': '5.0.1',
    typescript: '4.9.5',
    webpack: '5.94.0',
  },
};

export interface NodeProject {
  readonly dir: string;
  /** Installed packages: `node_modules/[@scope/]name/package.json` files with a name and a version. */
  readonly packages: number;
  /** The distinct `name@version` of those. */
  readonly keys: ReadonlySet<string>;
  readonly cached: boolean;
}

/**
 * The installed packages: every `package.json` with a name and a version that sits directly in a
 * package directory, `…/node_modules/<name>/` or `…/node_modules/@scope/<name>/`, at any depth
 * (nested node_modules, also those of a package's test fixtures). Symlinks are not followed.
 */
async function installedPackages(nodeModules: string): Promise<{ count: number; keys: Set<string> }> {
  const keys = new Set<string>();
  let count = 0;
  const entries = await readdir(nodeModules, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile() || e.name !== 'package.json') continue;
    const path = join(e.parentPath, e.name);
    if (!/\/node_modules\/(@[^/]+\/)?[^/@.][^/]*\/package\.json$/.test(path)) continue;
    const manifest = await readFile(path, 'utf8').then(
      (t) => JSON.parse(t) as { name?: unknown; version?: unknown },
      () => undefined,
    );
    if (typeof manifest?.name === 'string' && typeof manifest.version === 'string' && manifest.name) {
      count++;
      keys.add(`${manifest.name}@${manifest.version}`);
    }
  }
  return { count, keys };
}

/**
 * Builds (or reuses) `<workDir>/node-project`: PROJECT's package.json, then `npm install
 * --ignore-scripts --no-audit --no-fund` (needs the npm registry the first time; about 3 min).
 * Reused while its package.json is PROJECT's and node_modules holds packages.
 *
 * The package-lock.json npm writes is moved out of the project, to
 * `<workDir>/node-project.package-lock.json` (and back in for a reinstall), so the scanned
 * directory is the node_modules tree alone: Trivy's `rootfs` mode does not read lock files, and a
 * lock file lists packages that are not installed (other platforms' optional dependencies).
 * `node_modules/.package-lock.json` (npm's record of the installed tree) stays.
 */
export async function buildNodeProject(workDir: string, log: (msg: string) => void): Promise<NodeProject> {
  const dir = join(workDir, 'node-project');
  const lock = join(dir, 'package-lock.json');
  const savedLock = join(workDir, 'node-project.package-lock.json');
  const packageJson = `${JSON.stringify(PROJECT, null, 2)}\n`;
  const current = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
  if (current === packageJson) {
    await rename(lock, savedLock).catch(() => undefined);
    const { count, keys } = await installedPackages(join(dir, 'node_modules'));
    if (count > 0) return { dir, packages: count, keys, cached: true };
  } else {
    await rm(dir, { recursive: true, force: true });
    await rm(savedLock, { force: true });
  }
  await runCommand('mkdir', ['-p', dir]);
  await writeFile(join(dir, 'package.json'), packageJson);
  const locked = await copyFile(savedLock, lock).then(
    () => true,
    () => false,
  );
  log(
    `Installing the node project (${Object.keys(PROJECT.dependencies).join(', ')})${locked ? ' from its lock file' : ''} into ${dir}…`,
  );
  await runCommand('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir });
  await rename(lock, savedLock);
  const { count, keys } = await installedPackages(join(dir, 'node_modules'));
  return { dir, packages: count, keys, cached: false };
}
