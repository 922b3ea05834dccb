import { parseDocument } from 'yaml';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { isRecord } from '../../core/is-record.ts';
import { parseIsoDate, parseRfc3339 } from './parse-time.ts';
import { compilePathGlob } from './path-glob.ts';
import { type PurlPattern, parsePurlPattern } from './purl-pattern.ts';
import { readInputFile } from './read-input-file.ts';

/** Ignore files are hand-written lists; anything this large is not one. */
export const IGNORE_FILE_MAX_BYTES = 4 * 1024 * 1024;
/** YAML aliases allowed (anchors for a shared reason are fine); more is refused as an alias bomb. */
export const IGNORE_FILE_MAX_ALIASES = 100;

/** One active entry of an ignore file (docs/ignore-and-vex.md). */
export interface IgnoreRule {
  /** Position in the file's `ignore:` list (0-based), for messages. */
  readonly index: number;
  /** A vulnerability id or alias (CVE, GHSA, GO-, distro advisory…). */
  readonly id: string;
  readonly purl?: PurlPattern;
  /** The glob as written, and compiled. */
  readonly path?: { readonly glob: string; readonly regex: RegExp };
  readonly reason: string;
  /** The expiry as written. */
  readonly expires?: string;
}

/** An ignore file, read: the rules that apply now, and warnings (expired rules) to show the user. */
export interface IgnoreRules {
  /** The file the rules came from (Suppression.source). */
  readonly source: string;
  readonly rules: readonly IgnoreRule[];
  readonly warnings: readonly string[];
}

const ENTRY_KEYS = new Set(['id', 'purl', 'path', 'reason', 'expires']);

function invalid(source: string, where: string, problem: string): BulwarkError {
  return new BulwarkError(ErrorCodes.IGNORE_FILE_INVALID, `${source}: ${where}${problem}`, {
    subject: source,
  });
}

/** The instant an `expires` value stops the rule: a bare date lasts through that day (UTC). */
function expiryInstant(value: string): number | undefined {
  const day = parseIsoDate(value);
  if (day !== undefined) return day + 24 * 60 * 60 * 1000;
  return parseRfc3339(value);
}

/**
 * Parses the text of an ignore file. `source` names it in messages and in every suppression;
 * entries whose `expires` is at or before `now` are left out and reported in `warnings`.
 * Throws IGNORE_FILE_INVALID naming the file, the entry (`ignore[2]`) and the problem: invalid
 * YAML, an alias bomb, a wrong shape, an unknown field (a misspelt field would otherwise widen
 * the rule), a missing `reason`, a bad purl, glob or date.
 */
export function parseIgnoreFile(text: string, source: string, now: Date): IgnoreRules {
  let doc: unknown;
  try {
    const d = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    const first = d.errors[0];
    if (first) throw invalid(source, '', `not valid YAML (${first.message.split('\n')[0]})`);
    doc = d.toJS({ maxAliasCount: IGNORE_FILE_MAX_ALIASES });
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    const why = e instanceof ReferenceError ? 'too many YAML aliases (an alias bomb?)' : String(e);
    throw invalid(source, '', `not usable YAML: ${why}`);
  }
  if (doc === null || doc === undefined) return { source, rules: [], warnings: [] };
  if (!isRecord(doc)) throw invalid(source, '', 'the top level must be a mapping with an "ignore" list');
  for (const key of Object.keys(doc)) {
    if (key !== 'ignore') throw invalid(source, '', `unknown top-level key "${key}" (expected "ignore")`);
  }
  const list = doc.ignore ?? [];
  if (!Array.isArray(list)) throw invalid(source, '', '"ignore" must be a list of entries');

  const rules: IgnoreRule[] = [];
  const warnings: string[] = [];
  list.forEach((entry: unknown, index) => {
    const where = `ignore[${index}]: `;
    if (!isRecord(entry)) throw invalid(source, where, 'an entry must be a mapping with "id" and "reason"');
    for (const key of Object.keys(entry)) {
      if (!ENTRY_KEYS.has(key)) {
        throw invalid(source, where, `unknown field "${key}" (expected id, purl, path, reason, expires)`);
      }
    }
    const str = (key: string): string | undefined => {
      const v = entry[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string' || v.trim() === '')
        throw invalid(source, where, `"${key}" must be a non-empty string`);
      return v.trim();
    };
    const id = str('id');
    if (id === undefined) throw invalid(source, where, '"id" is required (a CVE, GHSA or other advisory id)');
    const at = `ignore[${index}] (${id}): `;
    const reason = str('reason');
    if (reason === undefined) throw invalid(source, at, '"reason" is required: say why it is ignored');

    let rule: IgnoreRule = { index, id, reason };
    const purl = str('purl');
    if (purl !== undefined) {
      const p = parsePurlPattern(purl);
      if (!p.ok) throw invalid(source, at, `"purl": ${p.error}`);
      rule = { ...rule, purl: p.value };
    }
    const path = str('path');
    if (path !== undefined) {
      const g = compilePathGlob(path);
      if (!g.ok) throw invalid(source, at, `"path": ${g.error}`);
      rule = { ...rule, path: { glob: path, regex: g.value } };
    }
    const expires = str('expires');
    if (expires !== undefined) {
      const until = expiryInstant(expires);
      if (until === undefined) {
        throw invalid(source, at, `"expires": "${expires}" is not a date (YYYY-MM-DD) or RFC 3339 time`);
      }
      if (now.getTime() >= until) {
        warnings.push(
          `${source}: rule for ${id} expired on ${expires} (ignore[${index}]); it no longer applies`,
        );
        return;
      }
      rule = { ...rule, expires };
    }
    rules.push(rule);
  });
  return { source, rules, warnings };
}

/**
 * Reads and parses an ignore file (`.bulwarkignore`); see parseIgnoreFile. Throws
 * INPUT_NOT_FOUND / INPUT_UNREADABLE / FILE_TOO_LARGE for the file, IGNORE_FILE_INVALID for its
 * content.
 */
export async function loadIgnoreFile(path: string, now: Date): Promise<IgnoreRules> {
  const text = await readInputFile(path, 'ignore file', IGNORE_FILE_MAX_BYTES);
  return parseIgnoreFile(text, path, now);
}
