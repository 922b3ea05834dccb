import type { Advisory } from '../../../core/advisory.ts';
import { isRecord } from '../../../core/is-record.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import type { Constraint } from '../constraints/comparator.ts';
import { constraintsToOsv } from '../constraints/constraints-to-osv.ts';
import { parseComposerConstraint } from '../constraints/parse-composer-constraint.ts';
import { convertYamlAdvisory, FieldError } from '../convert-yaml-advisory.ts';

export interface ParseFriendsOfPhpOptions {
  /** Path of the file, relative to the database root (`symfony/http-foundation/CVE-2019-18888.yaml`). */
  readonly path: string;
  /** Feed name stored in `Advisory.source`. */
  readonly source: string;
}

/** YAML aliases allowed per file; more is refused as an alias ("billion laughs") bomb. */
export const FRIENDSOFPHP_YAML_MAX_ALIASES = 50;

/** `modified` of an advisory none of whose branches has a fix time. */
export const FRIENDSOFPHP_NO_TIME = '1970-01-01T00:00:00Z';

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;
const GHSA_RE = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;
const PACKAGE_RE = /^[a-z0-9]([_.-]?[a-z0-9]+)*\/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$/;
/** `2012-08-27 19:17:44`, also with a one-digit day or hour, no seconds, or a `+1200` offset. */
const TIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Converts one FriendsOfPHP security-advisories file (https://github.com/FriendsOfPHP/security-advisories,
 * `<vendor>/<package>/<name>.yaml`) into an Advisory for the `Packagist` ecosystem.
 *
 * - package: `reference` without `composer://`; each branch's `versions` list is one set of
 *   comparators that must all hold, and the branches are alternatives (constraintsToOsv).
 * - id: `FOP-<vendor>/<package>/<file name without .yaml>`, the package as `reference` writes it
 *   (`FOP-symfony/http-foundation/CVE-2019-18888`); unique per file and stable while the file keeps
 *   its path. The feed copies an advisory into every package it affects (subtree splits:
 *   symfony/symfony and symfony/http-foundation) and the store keys advisories by (source, id),
 *   so the `cve` field and a GHSA file name are aliases: findings still show and merge by CVE.
 *   A CVE file name is not an alias on its own; only the `cve` field is read.
 * - dates: branch `time` is when the fix was merged (UTC unless an offset is written); published
 *   = the earliest, modified = the latest. With no time at all, modified is 1970-01-01T00:00:00Z
 *   and published is left out rather than invented.
 *
 * Errors name `opts.path` and the field. Never throws.
 */
export function parseFriendsOfPhpAdvisory(
  text: string | Uint8Array,
  opts: ParseFriendsOfPhpOptions,
): Result<Advisory> {
  return convertYamlAdvisory(text, opts.path, FRIENDSOFPHP_YAML_MAX_ALIASES, (doc) => toAdvisory(doc, opts));
}

function toAdvisory(doc: unknown, opts: ParseFriendsOfPhpOptions): Advisory {
  if (!isRecord(doc)) throw new FieldError('', 'a FriendsOfPHP advisory must be a YAML mapping');
  const reference = requiredString(doc.reference, 'reference');
  if (!reference.startsWith('composer://')) {
    throw new FieldError('reference', `"${reference}" does not start with composer://`);
  }
  const name = reference.slice('composer://'.length).trim();
  if (!PACKAGE_RE.test(name.toLowerCase())) {
    throw new FieldError('reference', `"${name}" is not a Composer package name (vendor/package)`);
  }
  const title = requiredString(doc.title, 'title');
  const link = optString(doc.link, 'link');
  const cve = optString(doc.cve, 'cve')?.trim();
  if (cve !== undefined && !CVE_RE.test(cve)) throw new FieldError('cve', `"${cve}" is not a CVE id`);
  const file = basename(opts.path);
  const ghsa = GHSA_RE.test(file) ? file : undefined;
  const id = `FOP-${name}/${file}`;

  if (!isRecord(doc.branches))
    throw new FieldError('branches', 'a mapping of branch name to {time, versions} is required');
  const sets: Constraint[] = [];
  const times: number[] = [];
  const branches: Record<string, { time: string | null; versions: string[] }> = {};
  for (const [branch, b] of Object.entries(doc.branches)) {
    const where = `branches.${branch}`;
    if (!isRecord(b)) throw new FieldError(where, 'must be a mapping with time and versions');
    const time = timeOf(b.time, `${where}.time`);
    if (time !== undefined) times.push(time);
    const versions = stringList(b.versions, `${where}.versions`);
    if (versions.length === 0) {
      throw new FieldError(`${where}.versions`, 'is empty, which would mean every version is affected');
    }
    sets.push(...andAll(versions, `${where}.versions`));
    branches[branch] = { time: time === undefined ? null : iso(time), versions };
  }
  const converted = constraintsToOsv(sets, { ecosystem: 'Packagist' });
  if (!converted.ok) throw new FieldError('branches', converted.error);
  const published = times.length === 0 ? undefined : iso(Math.min(...times));
  const modified = times.length === 0 ? FRIENDSOFPHP_NO_TIME : iso(Math.max(...times));
  const composerRepository = doc['composer-repository'];
  return {
    id,
    aliases: [cve, ghsa].filter((x): x is string => x !== undefined),
    related: [],
    summary: title.trim(),
    ...(published === undefined ? {} : { published }),
    modified,
    severity: [],
    affected: [
      {
        ecosystem: 'Packagist',
        name,
        purl: `pkg:composer/${name.split('/').map(encodeURIComponent).join('/')}`,
        ranges: converted.value.ranges,
        versions: converted.value.versions,
        databaseSpecific: {
          branches,
          ...(converted.value.notes.length === 0 ? {} : { conversion_notes: converted.value.notes }),
        },
      },
    ],
    references: link === undefined ? [] : [{ type: 'ADVISORY', url: link.trim() }],
    source: opts.source,
    // `composer-repository: false`: the package is not on packagist.org (a private or vendor repository).
    ...(composerRepository === false ? { databaseSpecific: { composer_repository: false } } : {}),
  };
}

/** The AND of several constraint strings, each possibly an OR: distributed into an OR of ANDs. */
function andAll(versions: readonly string[], field: string): Constraint[] {
  let out: Constraint[] = [[]];
  for (const [i, text] of versions.entries()) {
    const r = parseComposerConstraint(text);
    if (!r.ok) throw new FieldError(`${field}[${i}]`, r.error);
    out = out.flatMap((left) => r.value.map((right) => [...left, ...right]));
  }
  return out;
}

/** Milliseconds since the epoch; undefined for `null` (not fixed yet). */
function timeOf(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime();
  const m = typeof v === 'string' ? TIME_RE.exec(v.trim()) : null;
  if (m === null) throw new FieldError(field, `"${String(v)}" is not a "YYYY-MM-DD hh:mm:ss" time`);
  const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  const zone = m[7] === undefined || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
  const ms = Date.parse(`${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${m[5]}:${pad(m[6])}${zone}`);
  if (Number.isNaN(ms)) throw new FieldError(field, `"${String(v)}" is not a valid time`);
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function stringList(v: unknown, field: string): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw new FieldError(field, 'a list of version constraints is required');
  return v.map((item, i) => {
    if (typeof item !== 'string')
      throw new FieldError(`${field}[${i}]`, 'must be a version constraint string');
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
  return s;
}

/** The file name without its directory and `.yml`/`.yaml` extension. */
function basename(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.ya?ml$/i, '');
}
