import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.ts';

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes('/testdata/')) continue;
    newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure `dist/` (what `bin/bulwark.js` runs) is at least as new as `src/`: runs `npm run build`
 * when it is missing or older. When the build fails but an older dist exists, that one is used and
 * the returned note says so; without any dist the error is thrown.
 */
export async function ensureBuiltCli(root: string, log: (msg: string) => void): Promise<string | undefined> {
  const entry = join(root, 'dist/cli/run.js');
  const built = await stat(entry).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
  const sources = Math.max(
    await newestMtime(join(root, 'src')),
    ...(
      await Promise.all(
        ['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => stat(join(root, f))),
      )
    ).map((s) => s.mtimeMs),
  );
  if (built !== undefined && built >= sources) return undefined;
  log(built === undefined ? 'dist/ is missing: npm run build…' : 'dist/ is older than src/: npm run build…');
  try {
    await runCommand('npm', ['run', 'build'], { cwd: root });
    return undefined;
  } catch (e) {
    if (built === undefined) throw e;
    return `npm run build failed, benchmarked the older dist/ (${(e as Error).message.split('\n')[0]})`;
  }
}
