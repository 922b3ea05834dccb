import { execFile } from 'node:child_process';

/**
 * Runs a real tool (umoci, skopeo, rpm…) for a test, with a timeout. A missing tool fails with a
 * message naming the Debian package to install (.ci/run installs them all).
 */
export async function runTool(
  cmd: string,
  args: readonly string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(
            new Error(
              `this test needs "${cmd}": apt-get install ${DEBIAN_PACKAGE[cmd] ?? cmd} (see .ci/run)`,
            ),
          );
        }
        reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      },
    );
  });
}

const DEBIAN_PACKAGE: Record<string, string> = {
  umoci: 'umoci',
  skopeo: 'skopeo',
  'docker-registry': 'docker-registry',
  rpm: 'rpm',
  rpmbuild: 'rpm',
  zstd: 'zstd',
};
