import type { Advisory, AdvisorySeverity } from '../../../core/advisory.ts';
import { isRecord } from '../../../core/is-record.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { parseCvss } from '../../cvss/parse-cvss.ts';
import type { Constraint } from '../constraints/comparator.ts';
import { differenceToOsv } from '../constraints/constraints-to-osv.ts';
import { parseNpmRange } from '../constraints/parse-npm-range.ts';

export interface ParseNodejsWgOptions {
  /** Path of the file, relative to the repository (`vuln/npm/1.json`, `vuln/core/12.json`); prefixes errors. */
  readonly path: string;
  /** Feed name stored in `Advisory.source`. */
  readonly source: string;
}

/** Ecosystem and name under which Node.js core advisories are stored (not an OSV ecosystem). */
export const NODEJS_CORE_ECOSYSTEM = 'Node.js';
export const NODEJS_CORE_NAME = 'node';
/** What the binary classifier reports for a `node` executable, without the version. */
export const NODEJS_CORE_PURL = 'pkg:generic/node';
/** `modified` of a core advisory, which carries no date of its own. */
export const NODEJS_WG_NO_DATE = '1970-01-01T00:00:00Z';

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const CORE_LEVELS: ReadonlySet<string> = new Set(['low', 'medium', 'high', 'critical']);

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Converts one Node.js security WG file (https://github.com/nodejs/security-wg, `vuln/npm/<n>.json`
 * or `vuln/core/<n>.json`) into an Advisory. Ranges are node-semver ranges, written as OSV
 * `SEMVER` ranges; affected = the vulnerable range minus the patched one (a missing vulnerable
 * range means every version, a missing patched range none), so core's coarse `8.x` minus `^8.1.4`
 * gives `[8.0.0, 8.1.4)`.
 *
 * - npm (`module_name`): ecosystem `npm`, id `NSWG-ECO-<id>`, CVEs as aliases; published =
 *   `publish_date`, modified = `updated_at` (midnight UTC).
 * - core (`vulnerable`/`patched`): id `NSWG-COR-<file number>` (the WG's README names them so),
 *   ecosystem `Node.js`, name `node`, purl `pkg:generic/node` (what the binary classifier reports
 *   for a `node` executable); `severity` (low…critical) kept as a severity of type `NSWG`;
 *   modified = `publish_date` when given, else 1970-01-01T00:00:00Z.
 *
 * `index.json` (every entry of a folder in one object) and `vuln/deps/` files (assessments of
 * bundled dependencies' CVEs that do not affect Node.js) are refused as not advisories. Errors
 * name `opts.path` and the field. Never throws.
 */
export function parseNodejsWgAdvisory(
  text: string | Uint8Array,
  opts: ParseNodejsWgOptions,
): Result<Advisory> {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text));
  } catch (e) {
    return err(`${opts.path}: invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    if (!isRecord(doc)) throw new FieldError('', 'a Node.js security WG entry must be a JSON object');
    if (doc.module_name !== undefined) return ok(npmAdvisory(doc, opts));
    if (doc.vulnerable !== undefined || doc.patched !== undefined) return ok(coreAdvisory(doc, opts));
    if (doc.reason !== undefined) {
      throw new FieldError('reason', `a dependency assessment ("${String(doc.reason)}"), not an advisory`);
    }
    const keys = Object.keys(doc);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
      throw new FieldError('', 'an index of every entry (index.json), not one advisory');
    }
    throw new FieldError('', 'neither an npm entry (module_name) nor a core entry (vulnerable, patched)');
  } catch (e) {
    if (e instanceof FieldError)
      return err(`${opts.path}: ${e.field === '' ? '' : `${e.field}: `}${e.message}`);
    return err(`${opts.path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function npmAdvisory(doc: Record<string, unknown>, opts: ParseNodejsWgOptions): Advisory {
  const name = requiredString(doc.module_name, 'module_name');
  const number = entryNumber(doc.id, 'id', opts.path);
  const vulnerable = optString(doc.vulnerable_versions, 'vulnerable_versions');
  const patched = optString(doc.patched_versions, 'patched_versions');
  const converted = affectedVersions(vulnerable, patched, 'vulnerable_versions', 'patched_versions', 'npm');
  const published = optDate(doc.publish_date, 'publish_date');
  const modified =
    optDate(doc.updated_at, 'updated_at') ??
    optDate(doc.created_at, 'created_at') ??
    published ??
    NODEJS_WG_NO_DATE;
  const title = optString(doc.title, 'title');
  const overview = optString(doc.overview, 'overview');
  const recommendation = optString(doc.recommendation, 'recommendation');
  const score = doc.cvss_score;
  // -1 is the feed's "no score" (entries 358–362).
  if (score !== undefined && score !== null && (typeof score !== 'number' || !(score >= -1 && score <= 10))) {
    throw new FieldError('cvss_score', `${JSON.stringify(score)} is not a CVSS score (0–10)`);
  }
  const vector = cvssSeverity(doc.cvss_vector, 'cvss_vector');
  const ids = cves(doc.cves, 'cves');
  const databaseSpecific = {
    ...(typeof score === 'number' && score >= 0 ? { cvss_score: score } : {}),
    ...(recommendation === undefined ? {} : { recommendation: recommendation.trim() }),
    ...vector.databaseSpecific,
    ...ids.databaseSpecific,
  };
  return {
    id: `NSWG-ECO-${number}`,
    aliases: ids.cves,
    related: [],
    ...(title === undefined ? {} : { summary: title.trim() }),
    ...(overview === undefined ? {} : { details: overview.trim() }),
    ...(published === undefined ? {} : { published }),
    modified,
    severity: vector.severity,
    affected: [
      {
        ecosystem: 'npm',
        name,
        purl: `pkg:npm/${name.split('/').map(encodeURIComponent).join('/')}`,
        ranges: converted.ranges,
        versions: converted.versions,
        databaseSpecific: {
          vulnerable_versions: vulnerable ?? null,
          patched_versions: patched ?? null,
          ...(converted.notes.length === 0 ? {} : { conversion_notes: converted.notes }),
        },
      },
    ],
    references: stringList(doc.references, 'references').map((url) => ({ type: 'WEB', url })),
    source: opts.source,
    ...(Object.keys(databaseSpecific).length === 0 ? {} : { databaseSpecific }),
  };
}

function coreAdvisory(doc: Record<string, unknown>, opts: ParseNodejsWgOptions): Advisory {
  const number = entryNumber(undefined, 'id', opts.path);
  const vulnerable = optString(doc.vulnerable, 'vulnerable');
  const patched = optString(doc.patched, 'patched');
  const converted = affectedVersions(vulnerable, patched, 'vulnerable', 'patched', NODEJS_CORE_ECOSYSTEM);
  const published = optDate(doc.publish_date, 'publish_date');
  const description = optString(doc.description, 'description');
  const overview = optString(doc.overview, 'overview');
  const ref = optString(doc.ref, 'ref');
  const level = optString(doc.severity, 'severity')?.trim().toLowerCase();
  const vector = cvssSeverity(doc.cvss, 'cvss');
  const severity: AdvisorySeverity[] = [
    ...vector.severity,
    ...(level !== undefined && CORE_LEVELS.has(level) ? [{ type: 'NSWG', score: level }] : []),
  ];
  const type = optString(doc.type, 'type');
  const ids = cves(doc.cve, 'cve');
  const databaseSpecific = {
    ...(type === undefined ? {} : { type }),
    ...vector.databaseSpecific,
    ...ids.databaseSpecific,
  };
  return {
    id: `NSWG-COR-${number}`,
    aliases: ids.cves,
    related: [],
    ...(description === undefined ? {} : { summary: description.trim() }),
    ...(overview === undefined ? {} : { details: overview.trim() }),
    ...(published === undefined ? {} : { published }),
    modified: published ?? NODEJS_WG_NO_DATE,
    severity,
    affected: [
      {
        ecosystem: NODEJS_CORE_ECOSYSTEM,
        name: NODEJS_CORE_NAME,
        purl: NODEJS_CORE_PURL,
        ranges: converted.ranges,
        versions: converted.versions,
        databaseSpecific: {
          vulnerable: vulnerable ?? null,
          patched: patched ?? null,
          ...(converted.notes.length === 0 ? {} : { conversion_notes: converted.notes }),
        },
      },
    ],
    references: ref === undefined ? [] : [{ type: 'ADVISORY', url: ref.trim() }],
    source: opts.source,
    ...(Object.keys(databaseSpecific).length === 0 ? {} : { databaseSpecific }),
  };
}

function affectedVersions(
  vulnerable: string | undefined,
  patched: string | undefined,
  vulnerableField: string,
  patchedField: string,
  ecosystem: string,
) {
  const sets = (text: string | undefined, field: string, absent: Constraint[]): Constraint[] => {
    if (text === undefined) return absent;
    const r = parseNpmRange(text);
    if (!r.ok) throw new FieldError(field, r.error);
    return r.value;
  };
  const affected = sets(vulnerable, vulnerableField, [[]]);
  const fixed = sets(patched, patchedField, []);
  const r = differenceToOsv(affected, fixed, { ecosystem, rangeType: 'SEMVER' });
  if (!r.ok) throw new FieldError(`${vulnerableField}/${patchedField}`, r.error);
  return r.value;
}

/**
 * The vector as a severity entry. A vector that does not parse (entry 504 has `I:U`) is kept in
 * `databaseSpecific.invalid_cvss_vector` rather than losing the advisory.
 */
function cvssSeverity(
  v: unknown,
  field: string,
): { severity: AdvisorySeverity[]; databaseSpecific: Record<string, string> } {
  if (v === undefined || v === null) return { severity: [], databaseSpecific: {} };
  if (typeof v !== 'string') throw new FieldError(field, 'must be a CVSS vector string');
  // Core entries write `3.0/AV:N/…` without the `CVSS:` prefix.
  const vector = /^\d\.\d\//.test(v.trim()) ? `CVSS:${v.trim()}` : v.trim();
  const parsed = parseCvss(vector);
  if (!parsed.ok) return { severity: [], databaseSpecific: { invalid_cvss_vector: v } };
  const type =
    parsed.value.version === '2.0' ? 'CVSS_V2' : parsed.value.version === '4.0' ? 'CVSS_V4' : 'CVSS_V3';
  return { severity: [{ type, score: vector }], databaseSpecific: {} };
}

/** The entry number: the `id` field when present, else the file name (`12.json` → 12). */
function entryNumber(v: unknown, field: string, path: string): number {
  if (v !== undefined && v !== null) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new FieldError(field, `${JSON.stringify(v)} is not an entry number`);
    }
    return v;
  }
  const m = /(?:^|[\\/])(\d+)\.json$/i.exec(path);
  if (m === null) throw new FieldError(field, 'no id, and the file name is not <number>.json');
  return Number(m[1]);
}

/** CVE aliases; a malformed one (entry 12 has `CVE-2014-4671A`) is kept aside, not guessed at. */
function cves(v: unknown, field: string): { cves: string[]; databaseSpecific: Record<string, string[]> } {
  const out: string[] = [];
  const invalid: string[] = [];
  for (const item of stringList(v, field)) {
    const id = item.trim();
    if (!CVE_RE.test(id)) invalid.push(item);
    else if (!out.includes(id)) out.push(id);
  }
  return { cves: out, databaseSpecific: invalid.length === 0 ? {} : { invalid_cves: invalid } };
}

function optDate(v: unknown, field: string): string | undefined {
  const s = optString(v, field)?.trim();
  if (s === undefined || s === '') return undefined;
  if (!DATE_RE.test(s) || Number.isNaN(Date.parse(s)))
    throw new FieldError(field, `"${s}" is not a YYYY-MM-DD date`);
  return `${s}T00:00:00Z`;
}

function stringList(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FieldError(field, 'must be a list of strings');
  return v.map((item, i) => {
    if (typeof item !== 'string') throw new FieldError(`${field}[${i}]`, 'must be a string');
    return item;
  });
}

function optString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new FieldError(field, 'must be a string');
  return v;
}

function requiredString(v: unknown, field: string): string {
  const s = optString(v, field);
  if (s === undefined || s.trim() === '') throw new FieldError(field, 'a non-empty string is required');
  return s.trim();
}
