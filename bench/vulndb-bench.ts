// The advisory database benchmark (`npm run bench -- vulndb`):
// 1. import of everything under ../shared/data/vuln (`bulwark db import --split`) into a fresh
//    SQLite store: records/s and the database size; then the same import again with nothing
//    changed (must take < 10% of the full one), and once more after touching every file (same
//    content, new mtimes: the content-hash path);
// 2. matching 10,000 packages (a realistic mix of OS and language packages drawn from the
//    database's own names, some affected, some fixed, some unknown) against the full database
//    on one core (target ≤ 1 s), against the floor of merely reading the same affected rows.
// See bench/README.md.

import { readdirSync } from 'node:fs';
import { cp, mkdir, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Package } from '../src/core/package.ts';
import { matchPackages } from '../src/match/match-packages.ts';
import { openStore } from '../src/store/open-store.ts';
import { storeKysely } from '../src/store/store.ts';
import { schemeForEcosystem } from '../src/version/ecosystems.ts';
import { ensureBuiltCli } from './ensure-built-cli.ts';
import { median } from './median.ts';
import { printTable, type TableRow } from './print-table.ts';
import { timeCommand } from './time-command.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench/.work/vulndb');
const shared = join(root, '../shared/data/vuln');
const log = (msg: string) => console.error(msg);
const PACKAGES = 10_000;
const REPEATS = 5;

export async function runVulndbBench(): Promise<number> {
  if (!(await stat(shared).catch(() => undefined))) {
    log(`vulndb bench: ${shared} is missing (the shared data folder beside the project)`);
    return 2;
  }
  const note = await ensureBuiltCli(root, log);
  if (note) log(note);
  await rm(work, { recursive: true, force: true });
  const copy = join(work, 'vuln');
  const home = join(work, 'home');
  await mkdir(home, { recursive: true });
  log('copying the feeds (so touching them does not touch ../shared)…');
  await cp(shared, copy, { recursive: true });
  const env = { ...process.env, BULWARK_HOME: home };
  const importOnce = () =>
    timeCommand('node', ['bin/bulwark.js', 'db', 'import', '--quiet', '--split', copy], { cwd: root, env });

  log('full import…');
  const full = await importOnce();
  const records = [...full.stdout.matchAll(/^\S+: ([\d,]+) /gm)].reduce(
    (n, m) => n + Number(m[1]!.replaceAll(',', '')),
    0,
  );
  const dbBytes = (await stat(join(home, 'bulwark.db'))).size;
  log('re-import, nothing changed…');
  const again = await importOnce();
  log('re-import after touching every file (same content)…');
  const now = new Date();
  for (const f of walkFiles(copy)) await utimes(f, now, now);
  const touched = await importOnce();

  log(`matching ${PACKAGES.toLocaleString('en')} packages…`);
  const store = await openStore({ home });
  const packages = await samplePackages(store, PACKAGES);
  const matchTimes: number[] = [];
  const readTimes: number[] = [];
  let findings = 0;
  for (let i = 0; i < REPEATS; i++) {
    let t = performance.now();
    const r = await matchPackages({ packages }, store);
    matchTimes.push((performance.now() - t) / 1000);
    findings = r.findings.length;
    t = performance.now();
    await readSameRows(store, packages);
    readTimes.push((performance.now() - t) / 1000);
  }
  await store.close();

  const match = median(matchTimes);
  const read = median(readTimes);
  const rows: TableRow[] = [
    {
      measure: 'full import of shared/data/vuln',
      value: `${full.seconds.toFixed(2)} s, ${records.toLocaleString('en')} records`,
    },
    { measure: 'import rate', value: `${Math.round(records / full.seconds).toLocaleString('en')} records/s` },
    { measure: 'database size', value: `${(dbBytes / 1e6).toFixed(1)} MB` },
    { measure: 'peak RSS, full import', value: `${((full.maxRssKb * 1024) / 1e6).toFixed(1)} MB` },
    {
      measure: 're-import, nothing changed',
      value: `${again.seconds.toFixed(2)} s = ${((100 * again.seconds) / full.seconds).toFixed(1)}% of full`,
      target: '< 10%',
      met: again.seconds < 0.1 * full.seconds,
    },
    {
      measure: 're-import, every file touched',
      value: `${touched.seconds.toFixed(2)} s = ${((100 * touched.seconds) / full.seconds).toFixed(1)}% of full`,
    },
    {
      measure: `match ${PACKAGES.toLocaleString('en')} packages (${findings.toLocaleString('en')} findings)`,
      value: `${match.toFixed(3)} s = ${Math.round(PACKAGES / match).toLocaleString('en')} packages/s`,
      target: '≤ 1 s',
      met: match <= 1,
      runs: matchTimes.map((t) => t.toFixed(3)).join(' '),
    },
    {
      measure: 'floor: read the same affected rows',
      value: `${read.toFixed(3)} s; matching = ${(match / read).toFixed(2)}× the floor`,
      runs: readTimes.map((t) => t.toFixed(3)).join(' '),
    },
  ];
  console.log('');
  printTable(rows);
  return 0;
}

function* walkFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walkFiles(p);
    else if (e.isFile()) yield p;
  }
}

/** The lookup alone: every (ecosystem, name) the matcher asks for, rows fetched and parsed. */
async function readSameRows(store: Awaited<ReturnType<typeof openStore>>, packages: readonly Package[]) {
  const byEco = new Map<string, Set<string>>();
  for (const p of packages) {
    const names = byEco.get(p.ecosystem!) ?? new Set<string>();
    names.add(lookupName(p));
    if (p.source) names.add(p.source.name);
    byEco.set(p.ecosystem!, names);
  }
  let n = 0;
  for (const [eco, names] of byEco) n += (await store.affected(eco, [...names])).length;
  return n;
}

function lookupName(p: Package): string {
  if (p.type === 'maven') {
    const m = /^pkg:maven\/([^/]+)\//.exec(p.purl);
    return m ? `${decodeURIComponent(m[1]!)}:${p.name}` : p.name;
  }
  return p.name;
}

const TYPES: Record<string, string> = {
  Debian: 'deb',
  Alpine: 'apk',
  AlmaLinux: 'rpm',
  Maven: 'maven',
  Go: 'golang',
  PyPI: 'pypi',
  npm: 'npm',
  RubyGems: 'gem',
  Packagist: 'composer',
  'crates.io': 'cargo',
};

/**
 * A realistic mix, spread evenly over the ecosystems the database covers: 40% names it has
 * never heard of (most real packages have no advisory); of the rest, 70% at the newest version
 * any advisory names (kept up to date, yet still hit by advisories without a fix) and 30% at a
 * random bound of some range (an old, much more vulnerable version).
 */
async function samplePackages(
  store: Awaited<ReturnType<typeof openStore>>,
  count: number,
): Promise<Package[]> {
  const db = storeKysely(store);
  const rows = await db.selectFrom('affected').select(['ecosystem', 'name', 'affected']).execute();
  const byKey = new Map<string, { name: string; versions: string[] }>();
  const byEco = new Map<string, { name: string; versions: string[] }[]>();
  for (const r of rows) {
    const base = r.ecosystem.split(':')[0]!;
    if (!TYPES[base]) continue;
    const a = JSON.parse(r.affected) as { ranges?: { events: Record<string, string>[] }[] };
    const versions = (a.ranges ?? []).flatMap((g) =>
      g.events.flatMap((e) => Object.values(e)).filter((v) => v !== '0'),
    );
    if (versions.length === 0) continue;
    const key = `${r.ecosystem}\u0000${r.name}`;
    const known = byKey.get(key);
    if (known) {
      known.versions.push(...versions);
      continue;
    }
    const entry = { name: r.name, versions };
    byKey.set(key, entry);
    const list = byEco.get(r.ecosystem) ?? [];
    list.push(entry);
    byEco.set(r.ecosystem, list);
  }
  const newest = (eco: string, versions: readonly string[]) => {
    const scheme = schemeForEcosystem(eco)!;
    let best: { raw: string; v: unknown } | undefined;
    for (const raw of versions) {
      const p = scheme.parse(raw);
      if (p.ok && (!best || scheme.compare(p.value, best.v) > 0)) best = { raw, v: p.value };
    }
    return best?.raw ?? versions[0]!;
  };
  const ecosystems = [...byEco.keys()].sort();
  const out: Package[] = [];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; out.length < count; i++) {
    const eco = ecosystems[i % ecosystems.length]!;
    const base = eco.split(':')[0]!;
    const type = TYPES[base]!;
    const list = byEco.get(eco)!;
    const pick = list[rand(list.length)]!;
    const unknown = rand(10) < 4;
    const name = unknown ? `${pick.name}-bench-${i}` : pick.name;
    const version = rand(10) < 7 ? newest(eco, pick.versions) : pick.versions[rand(pick.versions.length)]!;
    let purlName = name;
    let namespace = '';
    if (type === 'maven' && name.includes(':')) [namespace, purlName] = name.split(':') as [string, string];
    out.push({
      id: `p${i}`,
      name: purlName,
      version,
      type,
      ecosystem: eco,
      purl: `pkg:${type}/${namespace ? `${namespace}/` : ''}${purlName}@${version}`,
      licenses: [],
      locations: [{ path: `bench/${i}` }],
      foundBy: 'bench',
      ...(type === 'deb' || type === 'apk' || type === 'rpm' ? { source: { name, version } } : {}),
    });
  }
  return out;
}
