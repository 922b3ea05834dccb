import type { Advisory } from '../../../core/advisory.ts';
import { type ApkVersion, apkVersion } from '../../../version/apk.ts';
import {
  byEcosystemAndName,
  clip,
  compareText,
  distroAffected,
  type FeedSkip,
  type NotAffected,
  type ParsedFeed,
  UNDATED,
} from '../distro-affected.ts';
import { field, mapEntries, readSecdbDocument } from './read-secdb-document.ts';
import { secfixIds } from './secfix-ids.ts';

interface Fix {
  readonly ecosystem: string;
  readonly name: string;
  readonly fixed: string;
  readonly parsed: ApkVersion;
}

interface Collected {
  readonly related: string[];
  /** Keyed by ecosystem + NUL + package. */
  readonly fixes: Map<string, Fix>;
  readonly notAffected: Map<string, NotAffected>;
}

type Skip = (reason: string) => void;

const RELEASE_RE = /^(?:v\d+(?:\.\d+)*|edge)$/;

/**
 * Converts Alpine secdb files (https://secdb.alpinelinux.org: `v3.9/main.yaml`, or the same
 * content as `main.json`; also aquasecurity/vuln-list's one-package-per-file split) into one
 * Advisory per vulnerability id across all files. Each (release, package) that lists the id under
 * a fixed version becomes `affected` with ecosystem `Alpine:<distroversion>`, the aport (= origin
 * package) name, and an ECOSYSTEM range `introduced 0, fixed <version>`; when one release lists
 * the id under several versions of a package, the lowest (apk order) wins. A secfix version `0`
 * means "never affected": no affected entry, only a note in `databaseSpecific.notAffected`.
 * Ids are read by {@link secfixIds}. secdb has no dates, so `modified` is {@link UNDATED}.
 *
 * Never throws: an unreadable file, package or entry is left out with a reason naming where it is
 * (`packages[12] (ansible) secfixes["2.7.3-r0"][0]: …`), and the rest is still read.
 */
export function parseAlpineSecdb(
  files: readonly { readonly path: string; readonly text: string }[],
  source = 'alpine-secdb',
): ParsedFeed {
  const byId = new Map<string, Collected>();
  const skipped: FeedSkip[] = [];
  for (const { path, text } of files) {
    const skip = (reason: string) => skipped.push({ path, reason });
    const why = readFile(text, path, byId, skip);
    if (why !== undefined) skip(why);
  }
  const advisories = [...byId.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, c]) => toAdvisory(id, c, source));
  return { advisories, skipped };
}

/** Reads one file into `byId`; returns why the whole file was left out, if it was. */
function readFile(text: string, path: string, byId: Map<string, Collected>, skip: Skip): string | undefined {
  const doc = readSecdbDocument(text, path);
  if (!doc.ok) return doc.error;
  if (mapEntries(doc.value) === undefined) return 'not a secdb document: not an object';
  const release = field(doc.value, 'distroversion');
  if (typeof release !== 'string' || !RELEASE_RE.test(release)) {
    return `not a secdb document: distroversion ${describe(release)} is not an Alpine release (v3.9, edge)`;
  }
  const ecosystem = `Alpine:${release}`;
  // vuln-list splits the secdb into one package per file, with the package fields at the top.
  if (field(doc.value, 'secfixes') !== undefined) return readPackage(doc.value, '', ecosystem, byId, skip);
  const packages = field(doc.value, 'packages');
  if (packages === null) return undefined; // a repository without secfixes (v3.3 community)
  if (!Array.isArray(packages)) return `not a secdb document: packages is ${describe(packages)}`;
  for (const [i, item] of packages.entries()) {
    const pkg = field(item, 'pkg');
    const why =
      mapEntries(pkg) === undefined
        ? `packages[${i}]: not a { pkg: … } entry`
        : readPackage(pkg, `packages[${i}] `, ecosystem, byId, skip);
    if (why !== undefined) skip(why);
  }
  return undefined;
}

/** Reads one package's secfixes; returns why the whole package was left out, if it was. */
function readPackage(
  pkg: unknown,
  at: string,
  ecosystem: string,
  byId: Map<string, Collected>,
  skip: Skip,
): string | undefined {
  const name = field(pkg, 'name');
  if (typeof name !== 'string' || !/^\S+$/.test(name))
    return `${at}pkg.name: ${describe(name)} is not a package name`;
  const where = `${at}(${name}) secfixes`;
  const secfixes = field(pkg, 'secfixes');
  if (secfixes === undefined || secfixes === null) return undefined;
  const versions = mapEntries(secfixes);
  if (versions === undefined) return `${where}: not a map of version to ids`;
  for (const [key, list] of versions) {
    // A YAML `0:` key is the number 0; any other non-string key lost its text (1.10 → 1.1).
    const version = key === 0 ? '0' : key;
    if (typeof version !== 'string') {
      skip(`${where}: version ${describe(key)} is not a string (quote it)`);
      continue;
    }
    const at = `${where}["${clip(version)}"]`;
    if (!Array.isArray(list)) {
      skip(`${at}: ${describe(list)} is not a list of ids`);
      continue;
    }
    const parsed = version === '0' ? undefined : apkVersion.parse(version);
    if (parsed !== undefined && !parsed.ok) {
      skip(`${at}: not an apk version (${parsed.error})`);
      continue;
    }
    const fix = parsed === undefined ? undefined : { ecosystem, name, fixed: version, parsed: parsed.value };
    for (const [j, entry] of list.entries()) {
      const why = addEntry(entry, fix ?? { ecosystem, name }, byId, (reason) =>
        skip(`${at}[${j}]: ${reason}`),
      );
      if (why !== undefined) skip(`${at}[${j}]: ${why}`);
    }
  }
  return undefined;
}

/** Records one secfixes entry as fixed by `fix`, or as not affected when it has no version. */
function addEntry(
  entry: unknown,
  fix: Fix | NotAffected,
  byId: Map<string, Collected>,
  skip: Skip,
): string | undefined {
  if (typeof entry !== 'string') return `${describe(entry)} is not a string`;
  const read = secfixIds(entry);
  if ('reason' in read) return read.reason;
  for (const problem of read.problems) skip(problem);
  const k = `${fix.ecosystem}\u0000${fix.name}`;
  for (const id of read.ids) {
    const c = collected(byId, id);
    for (const r of read.related) if (r !== id && !c.related.includes(r)) c.related.push(r);
    if (!('parsed' in fix)) {
      c.notAffected.set(k, { ecosystem: fix.ecosystem, name: fix.name });
      continue;
    }
    const had = c.fixes.get(k);
    if (had === undefined || apkVersion.compare(fix.parsed, had.parsed) < 0) c.fixes.set(k, fix);
  }
  return undefined;
}

function collected(byId: Map<string, Collected>, id: string): Collected {
  let c = byId.get(id);
  if (c === undefined) {
    c = { related: [], fixes: new Map(), notAffected: new Map() };
    byId.set(id, c);
  }
  return c;
}

function toAdvisory(id: string, c: Collected, source: string): Advisory {
  // A version listed as fixed wins over a `0` for the same package: the safer reading.
  const notAffected = [...c.notAffected.entries()]
    .filter(([k]) => !c.fixes.has(k))
    .map(([, v]) => v)
    .sort(byEcosystemAndName);
  return {
    id,
    aliases: [],
    related: c.related,
    modified: UNDATED,
    severity: [],
    affected: [...c.fixes.values()]
      .sort(byEcosystemAndName)
      .map((f) => distroAffected(f.ecosystem, f.name, f.fixed)),
    references: [],
    source,
    ...(notAffected.length === 0 ? {} : { databaseSpecific: { notAffected } }),
  };
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return typeof v === 'string' ? `"${clip(v)}"` : `${typeof v} ${String(v)}`;
}
