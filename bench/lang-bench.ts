// The language benchmark (`npm run bench -- lang`): `bulwark fs` on a real node_modules tree of
// ≥ 1,500 packages and on a directory of ≥ 200 real jars, timed against Trivy on the same
// directories, with the package sets compared. Progress goes to stderr, the table to stdout.
// See bench/README.md.
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJarCorpus, MIN_JARS } from './build-jar-corpus.ts';
import { buildNodeProject, MIN_NODE_PACKAGES } from './build-node-project.ts';
import { ensureBuiltCli } from './ensure-built-cli.ts';
import { installTrivy, TRIVY_PACKAGE } from './install-trivy.ts';
import {
  compareKeys,
  describeComparison,
  type LangPackages,
  type LangType,
  langPackagesOfBulwark,
  langPackagesOfTrivy,
} from './lang-packages.ts';
import { median } from './median.ts';
import { printTable, type TableRow } from './print-table.ts';
import { runCommand } from './run-command.ts';
import { type Timing, timeCommand } from './time-command.ts';
import { writeOfflineJavaDb } from './trivy-java-db.ts';

const REPEATS = 3;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench/.work');
const outDir = join(work, 'out');
const trivyCache = join(work, 'trivy-lang-cache');
const rel = (p: string) => relative(root, p) || '.';
const log = (msg: string) => console.error(msg);

interface Series {
  readonly timings: Timing[];
  failures: number;
}

const series = (): Series => ({ timings: [], failures: 0 });
const seconds = (s: Series) => (s.timings.length ? median(s.timings.map((t) => t.seconds)) : undefined);
const peakKb = (s: Series) => (s.timings.length ? Math.max(...s.timings.map((t) => t.maxRssKb)) : undefined);
const runsOf = (s: Series) =>
  [...s.timings.map((t) => t.seconds.toFixed(2)), ...Array<string>(s.failures).fill('failed')].join(' ');
const fmtS = (s: number | undefined) => (s === undefined ? 'n/a' : `${s.toFixed(2)} s`);
const fmtX = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(2)}×`);
const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const fmtKb = (kb: number | undefined) => (kb === undefined ? 'n/a' : fmtMB(kb * 1024));

/**
 * Trivy's flags for listing language packages offline. `rootfs`, not `fs`: Trivy's `fs` (and
 * `repo`) mode only reads lock files and never opens `node_modules/*\/package.json` or jars (its
 * "individual package" analysers run for `image` and `rootfs` only). `--format cyclonedx` turns
 * vulnerability scanning off, so no vulnerability DB is needed; `--offline-scan` keeps the jar
 * parser from querying Maven Central / the Java DB; `--skip-java-db-update` with the empty Java DB
 * of trivy-java-db.ts lets it start without downloading that DB. `--list-all-pkgs` is what the
 * issue names (CycloneDX lists every package anyway).
 */
const trivyArgs = (mode: 'rootfs' | 'fs', dir: string, output: string) => [
  mode,
  '--cache-dir',
  rel(trivyCache),
  '--format',
  'cyclonedx',
  '--list-all-pkgs',
  '--offline-scan',
  '--skip-db-update',
  '--skip-java-db-update',
  '--no-progress',
  '--quiet',
  '-o',
  rel(output),
  rel(dir),
];
const bulwarkArgs = (dir: string, output: string) => [
  'bin/bulwark.js',
  'fs',
  rel(dir),
  '-f',
  'json',
  '-o',
  rel(output),
  '-q',
];

/** Runs the language benchmark; resolves to the exit code (1 when a measurement could not be made). */
export async function runLangBench(): Promise<number> {
  const problems: string[] = [];
  const timeInto = async (into: Series, what: string, cmd: string, args: readonly string[]) => {
    try {
      into.timings.push(await timeCommand(cmd, args, { cwd: root }));
    } catch (e) {
      into.failures++;
      if (!problems.some((p) => p.startsWith(`${what}: `))) problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  /** A fresh Trivy cache (no analysis cached from an earlier run) holding only the empty Java DB. */
  const freshTrivyCache = async () => {
    await rm(trivyCache, { recursive: true, force: true });
    await writeOfflineJavaDb(trivyCache);
  };

  if (
    !(await access('/usr/bin/time').then(
      () => true,
      () => false,
    ))
  ) {
    console.error('bench: /usr/bin/time (GNU time) is missing: apt-get install time');
    return 1;
  }

  // Inputs.
  const node = await buildNodeProject(work, log).catch((e: Error) => {
    problems.push(`building the node project: ${e.message}`);
    return undefined;
  });
  if (node && node.packages < MIN_NODE_PACKAGES)
    problems.push(
      `the node project has only ${node.packages} installed packages (the issue asks ≥ ${MIN_NODE_PACKAGES})`,
    );
  const jars = await buildJarCorpus(work, log).catch((e: Error) => {
    problems.push(`collecting jars: ${e.message}`);
    return undefined;
  });
  if (jars && jars.jars < MIN_JARS)
    problems.push(
      `only ${jars.jars} distinct real jars on this machine (the issue asks ≥ ${MIN_JARS}): see ROOTS in bench/build-jar-corpus.ts`,
    );
  const cliNote = await ensureBuiltCli(root, log).catch((e: Error) => {
    problems.push(`building the CLI: ${e.message}`);
    return undefined;
  });
  if (cliNote) problems.push(cliNote);
  const trivy = await installTrivy(work, log).catch((e: Error) => {
    problems.push(`installing Trivy: ${e.message}`);
    return undefined;
  });
  await mkdir(outDir, { recursive: true });

  const out = {
    bulwarkNode: join(outDir, 'bulwark-node.json'),
    trivyNode: join(outDir, 'trivy-node.cdx.json'),
    trivyFsNode: join(outDir, 'trivy-fs-node.cdx.json'),
    bulwarkJars: join(outDir, 'bulwark-jars.json'),
    trivyJars: join(outDir, 'trivy-jars.cdx.json'),
    trivyFsJars: join(outDir, 'trivy-fs-jars.cdx.json'),
  };
  for (const f of Object.values(out)) await rm(f, { force: true });

  if (node)
    log(
      `Node project ${rel(node.dir)}: ${node.packages} installed packages${node.cached ? ' (cached)' : ''}`,
    );
  if (jars)
    log(
      `Jars ${rel(jars.dir)}: ${jars.jars} distinct of ${jars.found} found, ${fmtMB(jars.bytes)}${jars.cached ? ' (cached)' : ''}`,
    );
  log('Warming the page cache…');
  for (const d of [node?.dir, jars?.dir])
    if (d)
      await runCommand('sh', ['-c', 'find "$1" -type f -exec cat {} + >/dev/null', 'sh', d], {
        allowFailure: true,
      });

  const bulwarkNode = series();
  const trivyNode = series();
  const bulwarkJars = series();
  const trivyJars = series();
  // Interleaved, so that a slow spell of the machine touches every series alike.
  for (let i = 1; i <= REPEATS; i++) {
    log(`Run ${i}/${REPEATS}: bulwark fs${trivy ? ', trivy rootfs' : ''} (node_modules, jars)…`);
    if (node) {
      await timeInto(
        bulwarkNode,
        'bulwark fs (node project)',
        'node',
        bulwarkArgs(node.dir, out.bulwarkNode),
      );
      if (trivy) {
        await freshTrivyCache();
        await timeInto(
          trivyNode,
          'trivy rootfs (node project)',
          trivy,
          trivyArgs('rootfs', node.dir, out.trivyNode),
        );
      }
    }
    if (jars) {
      await timeInto(bulwarkJars, 'bulwark fs (jars)', 'node', bulwarkArgs(jars.dir, out.bulwarkJars));
      if (trivy) {
        await freshTrivyCache();
        await timeInto(trivyJars, 'trivy rootfs (jars)', trivy, trivyArgs('rootfs', jars.dir, out.trivyJars));
      }
    }
  }
  // For the record: what `trivy fs` (the mode the issue names) reports on the same directories.
  const trivyFsNode = series();
  const trivyFsJars = series();
  if (trivy) {
    log('Once: trivy fs (node_modules, jars), for the record…');
    if (node) {
      await freshTrivyCache();
      await timeInto(
        trivyFsNode,
        'trivy fs (node project)',
        trivy,
        trivyArgs('fs', node.dir, out.trivyFsNode),
      );
    }
    if (jars) {
      await freshTrivyCache();
      await timeInto(trivyFsJars, 'trivy fs (jars)', trivy, trivyArgs('fs', jars.dir, out.trivyFsJars));
    }
  }
  await rm(trivyCache, { recursive: true, force: true });

  // Package sets.
  const read = async (s: Series, path: string, parse: (json: string) => LangPackages, what: string) => {
    if (!s.timings.length) return undefined;
    try {
      return parse(await readFile(path, 'utf8'));
    } catch (e) {
      problems.push(`reading ${what} (${rel(path)}): ${(e as Error).message}`);
      return undefined;
    }
  };
  const ofBulwark = (type: LangType) => (json: string) => langPackagesOfBulwark(json, type);
  const ofTrivy = (type: LangType) => (json: string) => langPackagesOfTrivy(json, type);
  const sets = {
    bulwarkNode: await read(bulwarkNode, out.bulwarkNode, ofBulwark('npm'), 'Bulwark on node'),
    trivyNode: await read(trivyNode, out.trivyNode, ofTrivy('npm'), 'Trivy on node'),
    trivyFsNode: await read(trivyFsNode, out.trivyFsNode, ofTrivy('npm'), 'trivy fs on node'),
    bulwarkJars: await read(bulwarkJars, out.bulwarkJars, ofBulwark('maven'), 'Bulwark on jars'),
    trivyJars: await read(trivyJars, out.trivyJars, ofTrivy('maven'), 'Trivy on jars'),
    trivyFsJars: await read(trivyFsJars, out.trivyFsJars, ofTrivy('maven'), 'trivy fs on jars'),
  };
  const distinct = (p: LangPackages | undefined) => (p ? String(p.keys.size) : 'n/a');
  const entries = (p: LangPackages | undefined) =>
    p ? `distinct name+version (${p.instances} entries)` : '';

  // Figures.
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const speedRows = (
    label: string,
    bulwark: Series,
    peer: Series,
    bulwarkSet: LangPackages | undefined,
    peerSet: LangPackages | undefined,
  ): TableRow[] => {
    const b = seconds(bulwark);
    const t = seconds(peer);
    const r = ratio(b, t);
    const rows: TableRow[] = [
      { measure: `bulwark fs ${label} -f json`, value: fmtS(b), runs: runsOf(bulwark) },
      { measure: '  peak RSS (max of runs)', value: fmtKb(peakKb(bulwark)) },
      { measure: '  packages', value: distinct(bulwarkSet), runs: entries(bulwarkSet) },
    ];
    if (trivy) {
      rows.push(
        { measure: `trivy rootfs ${label}`, value: fmtS(t), runs: runsOf(peer) },
        { measure: '  peak RSS (max of runs)', value: fmtKb(peakKb(peer)) },
        { measure: '  packages', value: distinct(peerSet), runs: entries(peerSet) },
        {
          measure: '  ratio bulwark / trivy',
          value: fmtX(r),
          target: '≤ 1.00×',
          ...(r !== undefined ? { met: r <= 1 } : {}),
        },
      );
    }
    return rows;
  };
  const rows: TableRow[] = [
    ...(node
      ? speedRows(
          `${rel(node.dir)} (${node.packages} packages)`,
          bulwarkNode,
          trivyNode,
          sets.bulwarkNode,
          sets.trivyNode,
        )
      : []),
    ...(jars
      ? speedRows(
          `${rel(jars.dir)} (${jars.jars} jars)`,
          bulwarkJars,
          trivyJars,
          sets.bulwarkJars,
          sets.trivyJars,
        )
      : []),
  ];
  if (trivy) {
    if (node)
      rows.push({
        measure: `trivy fs ${rel(node.dir)} (1 run)`,
        value: fmtS(seconds(trivyFsNode)),
        runs: sets.trivyFsNode ? `${sets.trivyFsNode.keys.size} ${entries(sets.trivyFsNode)}` : '',
      });
    if (jars)
      rows.push({
        measure: `trivy fs ${rel(jars.dir)} (1 run)`,
        value: fmtS(seconds(trivyFsJars)),
        runs: sets.trivyFsJars ? `${sets.trivyFsJars.keys.size} ${entries(sets.trivyFsJars)}` : '',
      });
  }

  const packageLines: string[] = [];
  let packagesAgree = true;
  const compare = (
    label: string,
    a: ReadonlySet<string> | undefined,
    b: ReadonlySet<string> | undefined,
    aName: string,
    bName: string,
    counts = true,
  ) => {
    if (!a || !b) return;
    const c = compareKeys(a, b);
    if (counts && (c.onlyInFirst.length || c.onlyInSecond.length)) packagesAgree = false;
    packageLines.push(...describeComparison(label, c, aName, bName));
  };
  if (node) {
    compare(
      'npm: Bulwark vs Trivy (rootfs)',
      sets.bulwarkNode?.keys,
      sets.trivyNode?.keys,
      'Bulwark',
      'Trivy',
    );
    compare(
      'npm: Bulwark vs the installed tree',
      sets.bulwarkNode?.keys,
      node.keys,
      'Bulwark',
      'the tree',
      false,
    );
    compare(
      'npm: Trivy (rootfs) vs the installed tree',
      sets.trivyNode?.keys,
      node.keys,
      'Trivy',
      'the tree',
      false,
    );
  }
  let treeVerdict: string | undefined;
  if (node && sets.bulwarkNode) {
    const c = compareKeys(sets.bulwarkNode.keys, node.keys);
    treeVerdict =
      c.onlyInFirst.length === 0 && c.onlyInSecond.length === 0
        ? `npm: Bulwark lists exactly the installed tree (${c.same} name+version): ok`
        : 'npm: Bulwark does not list exactly the installed tree: MISSED (see above)';
  }
  if (jars)
    compare(
      'Maven: Bulwark vs Trivy (rootfs)',
      sets.bulwarkJars?.keys,
      sets.trivyJars?.keys,
      'Bulwark',
      'Trivy',
    );

  // Report.
  const trivyVersion = trivy
    ? (await runCommand(trivy, ['--version'], { allowFailure: true })).stdout.trim()
    : '';
  console.log('');
  console.log(
    `Bulwark language benchmark: ${node ? `node_modules of ${node.packages} packages` : 'no node project'}, ` +
      `${jars ? `${jars.jars} jars (${fmtMB(jars.bytes)})` : 'no jars'}; medians of ${REPEATS} runs`,
  );
  console.log(
    `node ${process.version}; peer: Trivy from ${TRIVY_PACKAGE}${trivyVersion ? ` (${trivyVersion.replace(/\s+/g, ' ')})` : ''}, ` +
      'rootfs --format cyclonedx --offline-scan --skip-db-update --skip-java-db-update (empty Java DB)',
  );
  console.log('');
  printTable(rows);
  console.log('');
  for (const l of packageLines) console.log(l);
  if (treeVerdict) console.log(treeVerdict);
  if (!packagesAgree) console.log('Language package sets: MISSED (Bulwark and Trivy disagree, see above)');
  if (problems.length) {
    console.log('');
    console.log('Problems:');
    for (const p of problems) console.log(`  - ${p.split('\n').join('\n    ')}`);
  }

  const keysOf = (p: LangPackages | undefined) =>
    p ? { instances: p.instances, distinct: p.keys.size } : undefined;
  await writeFile(
    join(work, 'lang-results.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        inputs: {
          nodeProject: node
            ? { dir: rel(node.dir), packages: node.packages, distinct: node.keys.size }
            : undefined,
          jars: jars
            ? { dir: rel(jars.dir), jars: jars.jars, bytes: jars.bytes, found: jars.found }
            : undefined,
        },
        seconds: {
          bulwarkNode: bulwarkNode.timings.map((t) => t.seconds),
          trivyNode: trivyNode.timings.map((t) => t.seconds),
          bulwarkJars: bulwarkJars.timings.map((t) => t.seconds),
          trivyJars: trivyJars.timings.map((t) => t.seconds),
          trivyFsNode: trivyFsNode.timings.map((t) => t.seconds),
          trivyFsJars: trivyFsJars.timings.map((t) => t.seconds),
        },
        peakRssKb: {
          bulwarkNode: bulwarkNode.timings.map((t) => t.maxRssKb),
          trivyNode: trivyNode.timings.map((t) => t.maxRssKb),
          bulwarkJars: bulwarkJars.timings.map((t) => t.maxRssKb),
          trivyJars: trivyJars.timings.map((t) => t.maxRssKb),
        },
        packages: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, keysOf(v)])),
        rows,
        comparison: treeVerdict ? [...packageLines, treeVerdict] : packageLines,
        problems,
      },
      null,
      2,
    )}\n`,
  );
  return problems.some((p) => !p.startsWith('npm run build failed')) ? 1 : 0;
}
