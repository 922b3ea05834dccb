import type { Advisory, AffectedPackage } from '../../../core/advisory.ts';
import { isRecord } from '../../../core/is-record.ts';
import { debVersion } from '../../../version/deb.ts';
import {
  byEcosystemAndName,
  clip,
  compareText,
  distroAffected,
  type FeedFileOptions,
  type FeedSkip,
  type NotAffected,
  type ParsedFeed,
  UNDATED,
} from '../distro-affected.ts';
import { debianEcosystem } from './debian-release.ts';
import { debianUrgency } from './debian-urgency.ts';

interface Collected {
  details?: string;
  readonly bugs: number[];
  readonly affected: AffectedPackage[];
  readonly notAffected: NotAffected[];
}

/** `CVE-2016-5195`, `TEMP-0000000-2F7A3B` (issues without a CVE yet). */
const ID_RE = /^[A-Z][A-Z0-9]*-[A-Za-z0-9-]+$/;
const SOURCE_NAME_RE = /^[a-z0-9][a-z0-9+.-]+$/;

/**
 * Parses the Debian security tracker's JSON export (https://security-tracker.debian.org/tracker/data/json:
 * `{ <source package>: { <CVE or TEMP id>: { description, debianbug, releases: { <codename>:
 * { status, fixed_version, urgency, nodsa… } } } } }`) into one Advisory per id, with one affected
 * entry per (release, source package) in ecosystem `Debian:<number>` (see debianEcosystem):
 *
 * - `resolved` with `fixed_version` `0`: never affected: no entry, a note in
 *   `databaseSpecific.notAffected`;
 * - `resolved` with a version: `introduced 0, fixed <version>`;
 * - `open`, `undetermined`: `introduced 0` only, the status kept in `ecosystemSpecific` (with
 *   `nodsa` / `nodsa_reason` when given).
 *
 * The urgency becomes a per-package `Debian` severity (see debianUrgency); `description` is
 * `details`. The export has no dates, so `modified` is {@link UNDATED}. Never throws: a package,
 * id or release it cannot use is skipped with a reason naming it.
 */
export function parseDebianTrackerJson(text: string, opts: FeedFileOptions): ParsedFeed {
  const skipped: FeedSkip[] = [];
  const skip = (reason: string) => skipped.push({ path: opts.path, reason });
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    skip(`invalid JSON (${e instanceof Error ? e.message : String(e)})`);
    return { advisories: [], skipped };
  }
  if (!isRecord(doc)) {
    skip('not a tracker document: the top level is not an object of source packages');
    return { advisories: [], skipped };
  }
  const byId = new Map<string, Collected>();
  for (const [pkg, issues] of Object.entries(doc)) {
    if (!SOURCE_NAME_RE.test(pkg)) skip(`"${clip(pkg)}" is not a Debian source package name`);
    else if (!isRecord(issues)) skip(`${pkg}: not an object of issues`);
    else for (const [id, issue] of Object.entries(issues)) readIssue(pkg, id, issue, byId, skip);
  }
  const advisories = [...byId.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, c]) => toAdvisory(id, c, opts.source));
  return { advisories, skipped };
}

function readIssue(
  pkg: string,
  id: string,
  issue: unknown,
  byId: Map<string, Collected>,
  skip: (r: string) => void,
) {
  if (!ID_RE.test(id)) return skip(`${pkg}: "${clip(id)}" is not a vulnerability id`);
  if (!isRecord(issue)) return skip(`${pkg} ${id}: not an object`);
  const { releases, description, debianbug } = issue;
  // PHP's json_encode writes an empty map as [] (chromium-browser CVE-2022-0358 in vunnel's sample).
  const entries =
    Array.isArray(releases) && releases.length === 0
      ? []
      : isRecord(releases)
        ? Object.entries(releases)
        : undefined;
  if (entries === undefined) return skip(`${pkg} ${id}: releases is not an object`);
  let c = byId.get(id);
  if (c === undefined) {
    c = { bugs: [], affected: [], notAffected: [] };
    byId.set(id, c);
  }
  if (c.details === undefined && typeof description === 'string' && description !== '')
    c.details = description;
  if (typeof debianbug === 'number' && Number.isSafeInteger(debianbug) && !c.bugs.includes(debianbug)) {
    c.bugs.push(debianbug);
  }
  for (const [codename, rel] of entries) {
    const where = `${pkg} ${id} ${clip(codename)}`;
    const ecosystem = debianEcosystem(codename);
    if (ecosystem === undefined) {
      skip(`${pkg} ${id}: unknown release "${clip(codename)}"`);
      continue;
    }
    if (!isRecord(rel)) {
      skip(`${where}: not an object`);
      continue;
    }
    const { status, fixed_version: fixed } = rel;
    const severity = debianUrgency(rel.urgency);
    if (status === 'resolved') {
      if (fixed === '0') {
        c.notAffected.push({ ecosystem, name: pkg });
        continue;
      }
      if (typeof fixed !== 'string') {
        skip(`${where}: resolved without a fixed_version`);
        continue;
      }
      const v = debVersion.parse(fixed);
      if (!v.ok) {
        skip(`${where}: "${clip(fixed)}" is not a Debian version (${v.error})`);
        continue;
      }
      c.affected.push(distroAffected(ecosystem, pkg, fixed, { severity }));
    } else if (status === 'open' || status === 'undetermined') {
      const ecosystemSpecific = {
        status,
        ...(typeof rel.nodsa === 'string' ? { nodsa: rel.nodsa } : {}),
        ...(typeof rel.nodsa_reason === 'string' ? { nodsa_reason: rel.nodsa_reason } : {}),
      };
      c.affected.push(distroAffected(ecosystem, pkg, undefined, { severity, ecosystemSpecific }));
    } else {
      skip(`${where}: unknown status ${typeof status === 'string' ? `"${clip(status)}"` : String(status)}`);
    }
  }
}

function toAdvisory(id: string, c: Collected, source: string): Advisory {
  return {
    id,
    aliases: [],
    related: [],
    ...(c.details === undefined ? {} : { details: c.details }),
    modified: UNDATED,
    severity: [],
    affected: c.affected.sort(byEcosystemAndName),
    references: [
      { type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${id}` },
      ...c.bugs.map((b) => ({ type: 'REPORT', url: `https://bugs.debian.org/${b}` })),
    ],
    source,
    ...(c.notAffected.length === 0
      ? {}
      : { databaseSpecific: { notAffected: c.notAffected.sort(byEcosystemAndName) } }),
  };
}
