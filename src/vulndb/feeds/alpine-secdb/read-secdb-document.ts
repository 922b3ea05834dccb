import { parseDocument } from 'yaml';
import { err, ok, type Result } from '../../../core/result.ts';

/** YAML aliases allowed per document; more is refused as an alias ("billion laughs") bomb. */
export const SECDB_YAML_MAX_ALIASES = 50;

/**
 * Parses one secdb file: `.json` as JSON, `.yaml`/`.yml` as YAML, anything else as JSON when it
 * starts with `{`, else YAML. YAML maps come back as `Map`s with their keys as YAML typed them,
 * so an unquoted `1.10:` version key shows up as the number 1.1 (and can be refused) instead of
 * being silently turned into the string "1.1". Never throws.
 */
export function readSecdbDocument(text: string, path: string): Result<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = /\.json$/i.test(path) || (!/\.ya?ml$/i.test(path) && body.trimStart().startsWith('{'));
  if (json) {
    try {
      return ok(JSON.parse(body));
    } catch (e) {
      return err(`invalid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  try {
    const doc = parseDocument(body, { uniqueKeys: true });
    const first = doc.errors[0];
    if (first) return err(`invalid YAML (${first.message.split('\n')[0]})`);
    return ok(doc.toJS({ maxAliasCount: SECDB_YAML_MAX_ALIASES, mapAsMap: true }));
  } catch (e) {
    return err(`invalid YAML (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The entries of a JSON object or a YAML `Map`; undefined for anything else. */
export function mapEntries(v: unknown): [unknown, unknown][] | undefined {
  if (v instanceof Map) return [...v.entries()];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return Object.entries(v);
  return undefined;
}

/** One field of a JSON object or a YAML `Map` (string key). */
export function field(v: unknown, key: string): unknown {
  if (v instanceof Map) return v.get(key);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return (v as Record<string, unknown>)[key];
  return undefined;
}
