// The image benchmark (`npm run bench -- image`): Bulwark's SBOM speed and memory on a large
// many-layer image, as ratios against baselines measured in the same run (gzip -dc of the same
// layers; Trivy on the same image). Progress goes to stderr, the table to stdout. See bench/README.md.
import { access, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchImage, buildBenchImage } from './build-bench-image.ts';
import { ensureBuiltCli } from './ensure-built-cli.ts';
import { installTrivy, TRIVY_PACKAGE } from './install-trivy.ts';
import { median } from './median.ts';
import { compareOsPackages, type OsPackage, osPackagesOfBulwark, osPackagesOfTrivy } from './os-packages.ts';
import { printTable, type TableRow } from './print-table.ts';
import { runCommand } from './run-command.ts';
import { type Timing, timeCommand } from './time-command.ts';

const REPEATS = 3;
const STARTUP_REPEATS = 5;
const TARGET_RATIO = 1.3;
const TARGET_STARTUP_S = 0.5;
const TARGET_RSS_BYTES = 300e6;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench/.work');
const outDir = join(work, 'out');
const rel = (p: string) => relative(root, p) || '.';
const log = (msg: string) => console.error(msg);
const problems: string[] = [];

/** A command timed REPEATS times; a failed run is noted and the next run tried all the same. */
interface Series {
  readonly timings: Timing[];
  failures: number;
}

const series = (): Series => ({ timings: [], failures: 0 });
const seconds = (s: Series) => (s.timings.length ? median(s.timings.map((t) => t.seconds)) : undefined);
const runsOf = (s: Series) =>
  [...s.timings.map((t) => t.seconds.toFixed(2)), ...Array<string>(s.failures).fill('failed')].join(' ');
const fmtS = (s: number | undefined) => (s === undefined ? 'n/a' : `${s.toFixed(2)} s`);
const fmtX = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(2)}×`);
const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function timeInto(into: Series, what: string, cmd: string, args: readonly string[]): Promise<void> {
  try {
    into.timings.push(await timeCommand(cmd, args, { cwd: root }));
  } catch (e) {
    into.failures++;
    const message = (e as Error).message;
    if (!problems.some((p) => p.startsWith(`${what}: `))) problems.push(`${what}: ${message}`);
  }
}

/** Runs the image benchmark; resolves to the exit code (1 when a measurement could not be made). */
export async function runImageBench(): Promise<number> {
  if (
    !(await access('/usr/bin/time').then(
      () => true,
      () => false,
    ))
  ) {
    console.error('bench: /usr/bin/time (GNU time) is missing: apt-get install time');
    return 1;
  }
  // The baseline writes to /dev/null: if something replaced the device by a plain file (a rename over
  // it, e.g. an atomic `-o /dev/null`), every figure would be wrong.
  const devNullIsDevice = () => stat('/dev/null').then((s) => s.isCharacterDevice());
  if (!(await devNullIsDevice())) {
    console.error(
      'bench: /dev/null is not a character device (something replaced it): mknod -m 666 /dev/null c 1 3',
    );
    return 1;
  }
  const image: BenchImage = await buildBenchImage(work, log);
  if (image.uncompressedBytes < 500e6) {
    problems.push(
      `the image is only ${fmtMB(image.uncompressedBytes)} uncompressed (the issue asks ≥ 500 MB): this machine lacks ` +
        'directories the recipe in bench/build-bench-image.ts copies',
    );
  }
  const cliNote = await ensureBuiltCli(root, log).catch((e: Error) => {
    problems.push(`building the CLI: ${e.message}`);
    return undefined;
  });
  if (cliNote) problems.push(cliNote);
  const trivy = await installTrivy(work, log).catch((e: Error) => {
    problems.push(`installing Trivy: ${e.message}`);
    return undefined;
  });
  await rm(outDir, { recursive: true, force: true });
  await runCommand('mkdir', ['-p', outDir]);

  const blobs = image.layers.map((l) => rel(l.blob));
  const ociRef = `oci:${rel(image.ociDir)}:${image.tag}`;
  const archive = rel(image.archive);
  const trivyCache = join(work, 'trivy-cache');
  const out = {
    bulwarkOci: join(outDir, 'bulwark-oci.json'),
    bulwarkArchive: join(outDir, 'bulwark-docker-archive.json'),
    trivyOci: join(outDir, 'trivy-oci.cdx.json'),
    trivyArchive: join(outDir, 'trivy-docker-archive.cdx.json'),
  };
  const bulwarkArgs = (target: string, output: string) => [
    'bin/bulwark.js',
    'sbom',
    target,
    '--format',
    'json',
    '-o',
    rel(output),
    '-q',
  ];
  // Trivy lists packages without a vulnerability DB when the output is an SBOM (`--format
  // cyclonedx` turns vulnerability scanning off); `--vuln-type os` keeps its language analysers
  // (which would want the Java DB for the JDK's jars) off, so both tools do the same work.
  const trivyArgs = (input: string, output: string) => [
    'image',
    '--input',
    input,
    '--cache-dir',
    trivyCache,
    '--format',
    'cyclonedx',
    '--vuln-type',
    'os',
    '--offline-scan',
    '--skip-db-update',
    '--no-progress',
    '--quiet',
    '-o',
    rel(output),
  ];

  log(
    `Image ${ociRef} and ${archive}: ${image.layers.length} layers, ${fmtMB(image.uncompressedBytes)} uncompressed, ` +
      `${fmtMB(image.compressedBytes)} gzip${image.cached ? ' (cached)' : ''}`,
  );
  log('Warming the page cache…');
  await runCommand('sh', ['-c', 'cat "$@" >/dev/null', 'sh', ...blobs, archive], { cwd: root });

  const startup = series();
  const gzip = series();
  const bulwarkOci = series();
  const bulwarkArchive = series();
  const trivyOci = series();
  const trivyArchive = series();

  log(`Start-up: node bin/bulwark.js --version ×${STARTUP_REPEATS}…`);
  for (let i = 0; i < STARTUP_REPEATS; i++)
    await timeInto(startup, 'bulwark --version', 'node', ['bin/bulwark.js', '--version']);

  // Interleaved, so that a slow spell of the machine touches every series alike.
  for (let i = 1; i <= REPEATS; i++) {
    log(
      `Run ${i}/${REPEATS}: gzip -dc, bulwark (oci, docker-archive)${trivy ? ', trivy (oci, docker-archive)' : ''}…`,
    );
    await timeInto(gzip, 'gzip -dc', 'sh', [
      '-c',
      'for f; do gzip -dc "$f"; done >/dev/null',
      'sh',
      ...blobs,
    ]);
    await timeInto(bulwarkOci, 'bulwark sbom (oci)', 'node', bulwarkArgs(ociRef, out.bulwarkOci));
    await timeInto(
      bulwarkArchive,
      'bulwark sbom (docker-archive)',
      'node',
      bulwarkArgs(`docker-archive:${archive}`, out.bulwarkArchive),
    );
    if (trivy) {
      await rm(trivyCache, { recursive: true, force: true }); // no cached layer analysis: a real scan each time
      await timeInto(trivyOci, 'trivy (oci)', trivy, trivyArgs(rel(image.ociDir), out.trivyOci));
      await rm(trivyCache, { recursive: true, force: true });
      await timeInto(trivyArchive, 'trivy (docker-archive)', trivy, trivyArgs(archive, out.trivyArchive));
    }
  }
  await rm(trivyCache, { recursive: true, force: true });
  if (!(await devNullIsDevice()))
    problems.push('/dev/null stopped being a character device during the runs: figures are void');

  // Figures.
  const startupS = seconds(startup);
  const gzipS = seconds(gzip);
  const bulwarkS = seconds(bulwarkOci);
  const bulwarkArchiveS = seconds(bulwarkArchive);
  const trivyOciS = seconds(trivyOci);
  const trivyArchiveS = seconds(trivyArchive);
  const peakRssKb = bulwarkOci.timings.length
    ? Math.max(...bulwarkOci.timings.map((t) => t.maxRssKb))
    : undefined;
  const peakRssArchiveKb = bulwarkArchive.timings.length
    ? Math.max(...bulwarkArchive.timings.map((t) => t.maxRssKb))
    : undefined;
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const both = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined;

  const rows: TableRow[] = [
    {
      measure: 'start-up: bulwark --version (median of 5)',
      value: fmtS(startupS),
      target: `≤ ${TARGET_STARTUP_S.toFixed(2)} s`,
      ...(startupS !== undefined ? { met: startupS <= TARGET_STARTUP_S } : {}),
      runs: runsOf(startup),
    },
    { measure: 'baseline: gzip -dc of every layer blob', value: fmtS(gzipS), runs: runsOf(gzip) },
    { measure: `bulwark sbom ${ociRef} -f json`, value: fmtS(bulwarkS), runs: runsOf(bulwarkOci) },
    {
      measure: '  ratio bulwark / gzip',
      value: fmtX(ratio(bulwarkS, gzipS)),
      target: `≤ ${TARGET_RATIO.toFixed(2)}× + ${TARGET_STARTUP_S} s start-up`,
      ...(both(bulwarkS, gzipS) ? { met: bulwarkS! <= TARGET_RATIO * gzipS! + TARGET_STARTUP_S } : {}),
    },
    {
      measure: '  ratio (bulwark − start-up) / gzip',
      value: fmtX(
        ratio(bulwarkS !== undefined && startupS !== undefined ? bulwarkS - startupS : undefined, gzipS),
      ),
      target: `≤ ${TARGET_RATIO.toFixed(2)}×`,
      ...(both(bulwarkS, gzipS) && startupS !== undefined
        ? { met: bulwarkS! - startupS <= TARGET_RATIO * gzipS! }
        : {}),
    },
    {
      measure: '  peak RSS (max of runs)',
      value: peakRssKb === undefined ? 'n/a' : fmtMB(peakRssKb * 1024),
      target: `≤ ${fmtMB(TARGET_RSS_BYTES)}`,
      ...(peakRssKb !== undefined ? { met: peakRssKb * 1024 <= TARGET_RSS_BYTES } : {}),
    },
  ];
  if (trivy) {
    rows.push(
      { measure: `trivy image --input ${rel(image.ociDir)}`, value: fmtS(trivyOciS), runs: runsOf(trivyOci) },
      {
        measure: '  ratio bulwark / trivy (OCI layout, gzip)',
        value: fmtX(ratio(bulwarkS, trivyOciS)),
        target: '< 1.00×',
        ...(both(bulwarkS, trivyOciS) ? { met: bulwarkS! < trivyOciS! } : {}),
      },
    );
  }
  rows.push(
    {
      measure: `bulwark sbom docker-archive:${archive} -f json`,
      value: fmtS(bulwarkArchiveS),
      runs: runsOf(bulwarkArchive),
    },
    {
      measure: '  peak RSS (max of runs)',
      value: peakRssArchiveKb === undefined ? 'n/a' : fmtMB(peakRssArchiveKb * 1024),
      target: `≤ ${fmtMB(TARGET_RSS_BYTES)}`,
      ...(peakRssArchiveKb !== undefined ? { met: peakRssArchiveKb * 1024 <= TARGET_RSS_BYTES } : {}),
    },
  );
  if (trivy) {
    rows.push(
      { measure: `trivy image --input ${archive}`, value: fmtS(trivyArchiveS), runs: runsOf(trivyArchive) },
      {
        measure: '  ratio bulwark / trivy (docker-archive, plain tar)',
        value: fmtX(ratio(bulwarkArchiveS, trivyArchiveS)),
        target: '< 1.00×',
        ...(both(bulwarkArchiveS, trivyArchiveS) ? { met: bulwarkArchiveS! < trivyArchiveS! } : {}),
      },
    );
  }

  // Package sets and layer attribution.
  const readOs = async (path: string, parse: (json: string) => OsPackage[]) =>
    readFile(path, 'utf8').then(parse, () => undefined);
  const sets = {
    bulwarkOci: bulwarkOci.timings.length ? await readOs(out.bulwarkOci, osPackagesOfBulwark) : undefined,
    bulwarkArchive: bulwarkArchive.timings.length
      ? await readOs(out.bulwarkArchive, osPackagesOfBulwark)
      : undefined,
    trivyOci: trivyOci.timings.length ? await readOs(out.trivyOci, osPackagesOfTrivy) : undefined,
    trivyArchive: trivyArchive.timings.length ? await readOs(out.trivyArchive, osPackagesOfTrivy) : undefined,
  };
  const packageLines: string[] = [];
  let packagesAgree = true;
  const compare = (
    label: string,
    a: OsPackage[] | undefined,
    b: OsPackage[] | undefined,
    aName: string,
    bName: string,
  ) => {
    if (!a || !b) return;
    const c = compareOsPackages(a, b);
    if (c.onlyInFirst.length === 0 && c.onlyInSecond.length === 0) {
      packageLines.push(`${label}: same ${c.same} OS packages (name+version)`);
    } else {
      packagesAgree = false;
      packageLines.push(
        `${label}: ${c.same} the same, ${c.onlyInFirst.length} only in ${aName}, ${c.onlyInSecond.length} only in ${bName}`,
      );
      for (const p of c.onlyInFirst) packageLines.push(`    only in ${aName}: ${p}`);
      for (const p of c.onlyInSecond) packageLines.push(`    only in ${bName}: ${p}`);
    }
    if (c.layerDifferences.length === 0) {
      if (a.some((p) => p.layerDiffId))
        packageLines.push('    introducing layer: the same for every common package');
    } else {
      packageLines.push(
        `    introducing layer differs for ${c.layerDifferences.length} packages (${aName} ≠ ${bName}):`,
      );
      for (const d of c.layerDifferences.slice(0, 20)) packageLines.push(`      ${d}`);
    }
  };
  compare('Bulwark vs Trivy (docker-archive)', sets.bulwarkArchive, sets.trivyArchive, 'Bulwark', 'Trivy');
  compare('Bulwark vs Trivy (OCI layout)', sets.bulwarkOci, sets.trivyOci, 'Bulwark', 'Trivy');
  compare(
    'Bulwark: OCI layout vs docker-archive',
    sets.bulwarkOci,
    sets.bulwarkArchive,
    'OCI',
    'docker-archive',
  );

  // The packages the bench added in upper layers must be attributed to those layers.
  let attribution: string | undefined;
  if (bulwarkOci.timings.length) {
    const doc = JSON.parse(await readFile(out.bulwarkOci, 'utf8').catch(() => '{"packages":[]}')) as {
      packages: { name: string; version: string; locations: { layer?: { index: number } }[] }[];
    };
    const wrong: string[] = [];
    for (const added of image.addedPackages) {
      const found = doc.packages.find((p) => p.name === added.name && p.version === added.version);
      const layer = found?.locations.find((l) => l.layer)?.layer?.index;
      if (layer !== added.layer)
        wrong.push(`${added.name} in layer ${layer ?? 'none'}, expected ${added.layer}`);
    }
    attribution =
      wrong.length === 0
        ? `Layer attribution: the ${image.addedPackages.length} packages added in upper layers (${image.addedPackages
            .map((p) => `${p.name}→${p.layer}`)
            .join(', ')}) are attributed to their layers`
        : `Layer attribution MISSED: ${wrong.join('; ')}`;
  }

  // Report.
  const trivyVersion = trivy
    ? (await runCommand(trivy, ['--version'], { allowFailure: true })).stdout.trim()
    : '';
  console.log('');
  console.log(
    `Bulwark benchmark: ${image.layers.length} layers, ${fmtMB(image.uncompressedBytes)} uncompressed ` +
      `(${fmtMB(image.compressedBytes)} gzip); medians of ${REPEATS} runs`,
  );
  console.log(
    `node ${process.version}; peer: Trivy from ${TRIVY_PACKAGE}${trivyVersion ? ` (${trivyVersion.replace(/\s+/g, ' ')})` : ''}`,
  );
  console.log('');
  printTable(rows);
  console.log('');
  for (const l of packageLines) console.log(l);
  if (attribution) console.log(attribution);
  if (!packagesAgree) console.log('OS package sets: MISSED (the tools disagree, see above)');
  if (problems.length) {
    console.log('');
    console.log('Problems:');
    for (const p of problems) console.log(`  - ${p.split('\n').join('\n    ')}`);
  }

  await writeFile(
    join(work, 'results.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        image: {
          layers: image.layers.map(({ blob: _blob, ...l }) => l),
          uncompressedBytes: image.uncompressedBytes,
          compressedBytes: image.compressedBytes,
          addedPackages: image.addedPackages,
        },
        seconds: {
          startup: startup.timings.map((t) => t.seconds),
          gzip: gzip.timings.map((t) => t.seconds),
          bulwarkOci: bulwarkOci.timings.map((t) => t.seconds),
          bulwarkDockerArchive: bulwarkArchive.timings.map((t) => t.seconds),
          trivyOci: trivyOci.timings.map((t) => t.seconds),
          trivyDockerArchive: trivyArchive.timings.map((t) => t.seconds),
        },
        peakRssKb: {
          bulwarkOci: bulwarkOci.timings.map((t) => t.maxRssKb),
          bulwarkDockerArchive: bulwarkArchive.timings.map((t) => t.maxRssKb),
          trivyOci: trivyOci.timings.map((t) => t.maxRssKb),
          trivyDockerArchive: trivyArchive.timings.map((t) => t.maxRssKb),
        },
        rows,
        packages: packageLines,
        attribution,
        problems,
      },
      null,
      2,
    )}\n`,
  );
  // Missed targets still exit 0; a measurement that could not be made at all does not.
  return problems.some((p) => !p.startsWith('npm run build failed')) ? 1 : 0;
}
