import type { Advisory, AdvisorySeverity } from '../../../core/advisory.ts';
import { isRecord } from '../../../core/is-record.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { parseCvss } from '../../cvss/parse-cvss.ts';
import type { Constraint } from '../constraints/comparator.ts';
import { complementToOsv } from '../constraints/constraints-to-osv.ts';
import { parseRubygemsRequirement } from '../constraints/parse-rubygems-requirement.ts';
import { convertYamlAdvisory, FieldError } from '../convert-yaml-advisory.ts';

export interface ParseRubysecOptions {
  /** Path of the file, relative to the database root (`gems/rack/CVE-2024-26146.yml`); prefixes errors. */
  readonly path: string;
  /** Feed name stored in `Advisory.source`. */
  readonly source: string;
}

/** YAML aliases allowed per file; more is refused as an alias ("billion laughs") bomb. */
export const RUBYSEC_YAML_MAX_ALIASES = 50;

const CVE_RE = /^(?:CVE-)?(\d{4}-\d{4,})$/i;
const GHSA_RE = /^(?:GHSA-)?([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const CVSS_FIELDS = [
  ['cvss_v2', 'CVSS_V2'],
  ['cvss_v3', 'CVSS_V3'],
  ['cvss_v4', 'CVSS_V4'],
] as const;

/**
 * Converts one ruby-advisory-db file (https://github.com/rubysec/ruby-advisory-db, `gems/<gem>/<id>.yml`)
 * into an Advisory for the `RubyGems` ecosystem.
 *
 * - id: `RUBYSEC-<gem>-<file name without .yml>` (`RUBYSEC-rack-CVE-2024-26146`), unique per file:
 *   the database copies one CVE into every gem it affects (a Rails CVE under actionpack and
 *   activesupport), and the store keys advisories by (source, id). The `cve`, `ghsa` and `osvdb`
 *   ids are all aliases, so findings still show and merge by CVE; `related.cve/ghsa/osvdb` become
 *   `related`, less any id already among the aliases.
 * - affected versions: every version outside `patched_versions` ∪ `unaffected_versions`, as
 *   bundler-audit decides (see complementToOsv); the requirements are kept in `databaseSpecific`.
 * - severity: `cvss_v2/v3/v4` when written as a vector; the database writes plain scores, which
 *   OSV severity cannot hold, so those go to `databaseSpecific` (`cvss_v3: 7.5`).
 * - published = modified = `date` at midnight UTC (the only date the format has).
 *
 * Files under `rubies/` (the `engine:` schema: advisories against Ruby interpreters) are refused
 * with an error saying so: they are not gems, and no extractor reports interpreters in an OSV
 * ecosystem a matcher could look up. Errors name `opts.path` and the field. Never throws.
 */
export function parseRubysecAdvisory(text: string | Uint8Array, opts: ParseRubysecOptions): Result<Advisory> {
  return convertYamlAdvisory(text, opts.path, RUBYSEC_YAML_MAX_ALIASES, (doc) => toAdvisory(doc, opts));
}

function toAdvisory(doc: unknown, opts: ParseRubysecOptions): Advisory {
  if (!isRecord(doc)) throw new FieldError('', 'a ruby-advisory-db file must be a YAML mapping');
  if (doc.gem === undefined && doc.engine !== undefined) {
    throw new FieldError(
      'engine',
      `an advisory for the Ruby interpreter "${String(doc.engine)}" (rubies/), not for a gem; not imported`,
    );
  }
  const gem = requiredString(doc.gem, 'gem');
  const date = dateOf(doc.date);
  const aliases = [
    optId(doc.cve, 'cve', CVE_RE, 'CVE'),
    optId(doc.ghsa, 'ghsa', GHSA_RE, 'GHSA'),
    optOsvdb(doc.osvdb, 'osvdb'),
  ].filter((x): x is string => x !== undefined);
  const id = `RUBYSEC-${gem}-${basename(opts.path)}`;
  const patched = requirements(doc.patched_versions, 'patched_versions');
  const unaffected = requirements(doc.unaffected_versions, 'unaffected_versions');
  const converted = complementToOsv([...patched.constraints, ...unaffected.constraints], {
    ecosystem: 'RubyGems',
  });
  if (!converted.ok) throw new FieldError('patched_versions/unaffected_versions', converted.error);
  const { severity, scores } = cvss(doc);
  const related = relatedIds(doc.related, new Set(aliases));
  const title = optString(doc.title, 'title');
  const description = optString(doc.description, 'description');
  const platform = optString(doc.platform, 'platform');
  const framework = optString(doc.framework, 'framework');
  const library = optString(doc.library, 'library');
  const databaseSpecific = {
    ...scores,
    ...(framework === undefined ? {} : { framework }),
    ...(library === undefined ? {} : { library }),
  };
  return {
    id,
    aliases,
    related,
    ...(title === undefined ? {} : { summary: title.trim() }),
    ...(description === undefined ? {} : { details: description.trim() }),
    published: date,
    modified: date,
    severity,
    affected: [
      {
        ecosystem: 'RubyGems',
        name: gem,
        purl: `pkg:gem/${encodeURIComponent(gem)}`,
        ranges: converted.value.ranges,
        versions: converted.value.versions,
        ...(platform === undefined ? {} : { ecosystemSpecific: { platform } }),
        databaseSpecific: {
          patched_versions: patched.raw,
          unaffected_versions: unaffected.raw,
          ...(converted.value.notes.length === 0 ? {} : { conversion_notes: converted.value.notes }),
        },
      },
    ],
    references: references(doc),
    source: opts.source,
    ...(Object.keys(databaseSpecific).length === 0 ? {} : { databaseSpecific }),
  };
}

function requirements(v: unknown, field: string): { raw: string[]; constraints: Constraint[] } {
  if (v === undefined || v === null) return { raw: [], constraints: [] };
  if (!Array.isArray(v)) throw new FieldError(field, 'must be a list of requirement strings');
  const raw: string[] = [];
  const constraints: Constraint[] = [];
  for (const [i, item] of v.entries()) {
    if (typeof item !== 'string') throw new FieldError(`${field}[${i}]`, 'must be a requirement string');
    const r = parseRubygemsRequirement(item);
    if (!r.ok) throw new FieldError(`${field}[${i}]`, r.error);
    raw.push(item);
    constraints.push(r.value);
  }
  return { raw, constraints };
}

/**
 * Vectors become severity entries; scores (what the database writes) and anything unreadable are
 * kept in `databaseSpecific` (`cvss_v3: 7.5`, `invalid_cvss_v3: "…"`) rather than losing the advisory.
 */
function cvss(doc: Record<string, unknown>): {
  severity: AdvisorySeverity[];
  scores: Record<string, unknown>;
} {
  const severity: AdvisorySeverity[] = [];
  const scores: Record<string, unknown> = {};
  for (const [field, type] of CVSS_FIELDS) {
    const v = doc[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10) scores[field] = v;
    else if (typeof v === 'string' && parseCvss(v).ok) severity.push({ type, score: v.trim() });
    else scores[`invalid_${field}`] = v;
  }
  return { severity, scores };
}

function relatedIds(v: unknown, exclude: ReadonlySet<string>): string[] {
  if (v === undefined || v === null) return [];
  if (!isRecord(v)) throw new FieldError('related', 'must be a mapping of cve, ghsa, osvdb and url lists');
  const out: string[] = [];
  for (const key of ['cve', 'ghsa', 'osvdb'] as const) {
    for (const [i, item] of list(v[key], `related.${key}`).entries()) {
      const where = `related.${key}[${i}]`;
      const id =
        key === 'cve'
          ? optId(item, where, CVE_RE, 'CVE')
          : key === 'ghsa'
            ? optId(item, where, GHSA_RE, 'GHSA')
            : optOsvdb(item, where);
      if (id !== undefined && !exclude.has(id) && !out.includes(id)) out.push(id);
    }
  }
  return out;
}

function references(doc: Record<string, unknown>): { type: string; url: string }[] {
  const out: { type: string; url: string }[] = [];
  const url = optString(doc.url, 'url');
  if (url !== undefined) out.push({ type: 'ADVISORY', url });
  const related = isRecord(doc.related) ? doc.related : {};
  for (const [i, item] of list(related.url, 'related.url').entries()) {
    if (typeof item !== 'string') throw new FieldError(`related.url[${i}]`, 'must be a string');
    if (!out.some((r) => r.url === item)) out.push({ type: 'WEB', url: item });
  }
  return out;
}

/** `date` as RFC 3339 midnight UTC; YAML 1.1 loaders may have made it a Date already. */
function dateOf(v: unknown): string {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return `${v.toISOString().slice(0, 10)}T00:00:00Z`;
  if (typeof v === 'string' && DATE_RE.test(v.trim()) && !Number.isNaN(Date.parse(v.trim()))) {
    return `${v.trim()}T00:00:00Z`;
  }
  throw new FieldError(
    'date',
    v === undefined ? 'a YYYY-MM-DD date is required' : `"${String(v)}" is not a YYYY-MM-DD date`,
  );
}

function optId(v: unknown, field: string, re: RegExp, prefix: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  const m = re.exec(String(v).trim());
  if ((typeof v !== 'string' && typeof v !== 'number') || m === null) {
    throw new FieldError(field, `"${String(v)}" is not a ${prefix} identifier`);
  }
  return `${prefix}-${prefix === 'GHSA' ? m[1]!.toLowerCase() : m[1]}`;
}

function optOsvdb(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  const digits = String(v)
    .trim()
    .replace(/^OSVDB-/i, '');
  if ((typeof v !== 'number' && typeof v !== 'string') || !/^\d+$/.test(digits)) {
    throw new FieldError(field, `"${String(v)}" is not an OSVDB number`);
  }
  return `OSVDB-${digits}`;
}

function list(v: unknown, field: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FieldError(field, 'must be a list');
  return v;
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

/** The file name without its directory and `.yml`/`.yaml` extension. */
function basename(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.ya?ml$/i, '');
}
