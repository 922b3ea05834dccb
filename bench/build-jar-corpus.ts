import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { runCommand } from './run-command.ts';

/** Bump when the selection below changes: the cached corpus is rebuilt. */
const RECIPE = 1;
/** The issue asks for at least this many jars. */
export const MIN_JARS = 200;

/**
 * Where real jars live on this machine (the project's machine kind): Debian's `/usr/share/java`
 * and Maven repository, the JDK, the Google Cloud SDK's emulators and App Engine (Jetty), the
 * local Maven and Gradle caches. Missing ones are skipped.
 */
const ROOTS = [
  '/usr/share/java',
  '/usr/share/maven-repo',
  '/usr/lib',
  '/usr/share',
  '/usr/local',
  '/opt',
  join(homedir(), '.m2/repository'),
  join(homedir(), '.gradle/caches'),
];

export interface JarCorpus {
  readonly dir: string;
  readonly jars: number;
  readonly bytes: number;
  /** Regular-file jars found under ROOTS, before de-duplication by content. */
  readonly found: number;
  readonly cached: boolean;
}

interface Manifest {
  readonly recipe: number;
  readonly found: number;
  readonly jars: {
    readonly file: string;
    readonly from: string;
    readonly sha1: string;
    readonly bytes: number;
  }[];
}

const sha1Of = (path: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha1');
    createReadStream(path)
      .on('data', (b) => h.update(b))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });

/**
 * Builds (or reuses) `<workDir>/jars`: every regular-file `*.jar` under ROOTS (symlinks are not
 * followed nor copied), de-duplicated by SHA-1, copied under its own file name (Trivy derives
 * artifact and version from it); a later jar with a name already taken goes to `dup-<n>/`.
 * `<workDir>/jars/manifest.json` records where each came from.
 */
export async function buildJarCorpus(workDir: string, log: (msg: string) => void): Promise<JarCorpus> {
  const dir = join(workDir, 'jars');
  const manifestPath = join(workDir, 'jars.manifest.json');
  const cached = await readFile(manifestPath, 'utf8').then(
    (t) => JSON.parse(t) as Manifest,
    () => undefined,
  );
  if (
    cached?.recipe === RECIPE &&
    (await access(dir).then(
      () => true,
      () => false,
    ))
  ) {
    return {
      dir,
      jars: cached.jars.length,
      bytes: cached.jars.reduce((n, j) => n + j.bytes, 0),
      found: cached.found,
      cached: true,
    };
  }

  log(`Collecting real jars from ${ROOTS.join(', ')}…`);
  const roots: string[] = [];
  for (const r of ROOTS)
    if (
      await access(r).then(
        () => true,
        () => false,
      )
    )
      roots.push(r);
  const found = roots.length
    ? (await runCommand('find', [...roots, '-type', 'f', '-name', '*.jar'], { allowFailure: true })).stdout
        .split('\n')
        .filter(Boolean)
    : [];
  const paths = [...new Set(found)].sort();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const seen = new Set<string>();
  const taken = new Set<string>();
  const jars: Manifest['jars'][number][] = [];
  for (const from of paths) {
    const sha1 = await sha1Of(from).catch(() => undefined);
    if (!sha1 || seen.has(sha1)) continue;
    seen.add(sha1);
    const name = basename(from);
    let file = name;
    for (let n = 2; taken.has(file); n++) file = `dup-${n}/${name}`;
    taken.add(file);
    const target = join(dir, file);
    await mkdir(join(target, '..'), { recursive: true });
    await copyFile(from, target);
    jars.push({ file, from, sha1, bytes: (await stat(target)).size });
  }
  await writeFile(
    manifestPath,
    `${JSON.stringify({ recipe: RECIPE, found: paths.length, jars }, null, 2)}\n`,
  );
  return {
    dir,
    jars: jars.length,
    bytes: jars.reduce((n, j) => n + j.bytes, 0),
    found: paths.length,
    cached: false,
  };
}
