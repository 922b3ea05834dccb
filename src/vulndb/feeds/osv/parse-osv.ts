import { parseDocument } from 'yaml';
import type {
  Advisory,
  AdvisorySeverity,
  AffectedPackage,
  OsvEvent,
  OsvRange,
} from '../../../core/advisory.ts';
import { err, ok, type Result } from '../../../core/result.ts';

export interface ParseOsvOptions {
  /** Feed name stored in `Advisory.source` (`osv-go`, `osv-pypi`…). */
  readonly source: string;
  /** Defaults from `path` (`.yaml`/`.yml` → YAML), else JSON when the text starts with `{`, else YAML. */
  readonly format?: 'json' | 'yaml';
  /** File name, used to prefix error messages. */
  readonly path?: string;
}

/** YAML aliases allowed per document; more is refused as an alias ("billion laughs") bomb. */
export const OSV_YAML_MAX_ALIASES = 50;

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A validation failure: `field` is the JSON path (`affected[0].ranges[0]`), empty for the document. */
class OsvError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses one OSV record (https://ossf.github.io/osv-schema/) in JSON or YAML into an Advisory.
 * Requires `id` and `modified` (RFC 3339); arrays default to `[]`. Unknown fields are ignored;
 * `ecosystem_specific` and `database_specific` are kept as-is. Errors name `opts.path` and the
 * offending field. Never throws.
 */
export function parseOsvRecord(text: string | Uint8Array, opts: ParseOsvOptions): Result<Advisory> {
  const prefix = opts.path === undefined ? '' : `${opts.path}: `;
  const str = toText(text);
  const format = opts.format ?? guessFormat(str, opts.path);
  let doc: unknown;
  if (format === 'json') {
    try {
      doc = JSON.parse(str);
    } catch (e) {
      return err(`${prefix}invalid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  } else {
    try {
      const d = parseDocument(str, { uniqueKeys: true });
      const first = d.errors[0];
      if (first) return err(`${prefix}invalid YAML (${first.message.split('\n')[0]})`);
      doc = d.toJS({ maxAliasCount: OSV_YAML_MAX_ALIASES });
    } catch (e) {
      return err(`${prefix}invalid YAML (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  try {
    return ok(toAdvisory(doc, opts.source));
  } catch (e) {
    if (e instanceof OsvError) return err(`${prefix}${e.field === '' ? '' : `${e.field}: `}${e.message}`);
    return err(`${prefix}${e instanceof Error ? e.message : String(e)}`);
  }
}

function guessFormat(text: string, path: string | undefined): 'json' | 'yaml' {
  if (path !== undefined) {
    if (/\.ya?ml$/i.test(path)) return 'yaml';
    if (/\.json$/i.test(path)) return 'json';
  }
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function toAdvisory(doc: unknown, source: string): Advisory {
  const o = obj(doc, '', 'an OSV record must be an object');
  const id = str(o.id, 'id');
  if (id === undefined || id === '') throw new OsvError('id', 'a non-empty string is required');
  const modified = date(o.modified, 'modified');
  if (modified === undefined) throw new OsvError('modified', 'an RFC 3339 date-time is required');
  const summary = str(o.summary, 'summary');
  const details = str(o.details, 'details');
  const published = date(o.published, 'published');
  const withdrawn = date(o.withdrawn, 'withdrawn');
  const dbs = optObj(o.database_specific, 'database_specific');
  return {
    id,
    aliases: strings(o.aliases, 'aliases'),
    related: strings(o.related, 'related'),
    ...(summary === undefined ? {} : { summary }),
    ...(details === undefined ? {} : { details }),
    ...(published === undefined ? {} : { published }),
    modified,
    ...(withdrawn === undefined ? {} : { withdrawn }),
    severity: severities(o.severity, 'severity') ?? [],
    affected: arr(o.affected, 'affected').map((a, i) => affected(a, `affected[${i}]`)),
    references: arr(o.references, 'references').map((r, i) => {
      const where = `references[${i}]`;
      const ro = obj(r, where, 'a reference must be an object');
      return { type: req(ro.type, `${where}.type`), url: req(ro.url, `${where}.url`) };
    }),
    source,
    ...(dbs === undefined ? {} : { databaseSpecific: dbs }),
  };
}

function affected(v: unknown, where: string): AffectedPackage {
  const a = obj(v, where, 'an affected entry must be an object');
  const p = obj(a.package, `${where}.package`, 'a package object is required');
  const purl = str(p.purl, `${where}.package.purl`);
  const severity = severities(a.severity, `${where}.severity`);
  const es = optObj(a.ecosystem_specific, `${where}.ecosystem_specific`);
  const ds = optObj(a.database_specific, `${where}.database_specific`);
  return {
    ecosystem: req(p.ecosystem, `${where}.package.ecosystem`),
    name: req(p.name, `${where}.package.name`),
    ...(purl === undefined ? {} : { purl }),
    ranges: arr(a.ranges, `${where}.ranges`).map((r, i) => range(r, `${where}.ranges[${i}]`)),
    versions: strings(a.versions, `${where}.versions`),
    ...(severity === undefined ? {} : { severity }),
    ...(es === undefined ? {} : { ecosystemSpecific: es }),
    ...(ds === undefined ? {} : { databaseSpecific: ds }),
  };
}

function range(v: unknown, where: string): OsvRange {
  const r = obj(v, where, 'a range must be an object');
  const type = req(r.type, `${where}.type`);
  const repo = str(r.repo, `${where}.repo`);
  if (type === 'GIT' && repo === undefined) throw new OsvError(`${where}.repo`, 'a GIT range needs a repo');
  const events = arr(r.events, `${where}.events`).map((e, i) => event(e, `${where}.events[${i}]`));
  if (events.length === 0) throw new OsvError(`${where}.events`, 'a range needs at least one event');
  return { type, ...(repo === undefined ? {} : { repo }), events };
}

function event(v: unknown, where: string): OsvEvent {
  const e = obj(v, where, 'an event must be an object');
  const present = EVENT_KEYS.filter((k) => e[k] !== undefined);
  const key = present[0];
  if (key === undefined || present.length !== 1) {
    throw new OsvError(where, 'an event needs exactly one of introduced, fixed, last_affected, limit');
  }
  const value = req(e[key], `${where}.${key}`);
  switch (key) {
    case 'introduced':
      return { introduced: value };
    case 'fixed':
      return { fixed: value };
    case 'last_affected':
      return { last_affected: value };
    case 'limit':
      return { limit: value };
  }
}

function severities(v: unknown, where: string): AdvisorySeverity[] | undefined {
  if (v === undefined || v === null) return undefined;
  return arr(v, where).map((s, i) => {
    const so = obj(s, `${where}[${i}]`, 'a severity must be an object');
    return { type: req(so.type, `${where}[${i}].type`), score: req(so.score, `${where}[${i}].score`) };
  });
}

function obj(v: unknown, where: string, message: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new OsvError(where, message);
  return v as Record<string, unknown>;
}

function optObj(v: unknown, where: string): Record<string, unknown> | undefined {
  return v === undefined || v === null ? undefined : obj(v, where, 'must be an object');
}

/** An array, `[]` when absent or null. */
function arr(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new OsvError(where, 'must be an array');
  return v;
}

function strings(v: unknown, where: string): string[] {
  return arr(v, where).map((s, i) => req(s, `${where}[${i}]`));
}

function str(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new OsvError(where, `must be a string, not ${describe(v)}`);
  return v;
}

function req(v: unknown, where: string): string {
  const s = str(v, where);
  if (s === undefined) throw new OsvError(where, 'a string is required');
  return s;
}

function date(v: unknown, where: string): string | undefined {
  const s = str(v, where);
  if (s === undefined) return undefined;
  if (!RFC3339_RE.test(s) || Number.isNaN(Date.parse(s))) {
    throw new OsvError(where, `'${clip(s)}' is not an RFC 3339 date-time`);
  }
  return s;
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function toText(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function clip(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
