import { parseDocument } from 'yaml';
import type { Advisory } from '../../core/advisory.ts';
import { err, ok, type Result } from '../../core/result.ts';

/** A problem with one field of an advisory file; `field` is its path, empty for the document. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The shared frame of the YAML advisory converters (ruby-advisory-db, FriendsOfPHP): decode, parse
 * with unique keys and an alias cap (a "billion laughs" file is refused), convert, and turn any
 * failure into one error naming the file and the field. Never throws.
 */
export function convertYamlAdvisory(
  text: string | Uint8Array,
  path: string,
  maxAliasCount: number,
  toAdvisory: (doc: unknown) => Advisory,
): Result<Advisory> {
  const str = typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text);
  let doc: unknown;
  try {
    const d = parseDocument(str, { uniqueKeys: true });
    const first = d.errors[0];
    if (first) return err(`${path}: invalid YAML (${first.message.split('\n')[0]})`);
    doc = d.toJS({ maxAliasCount });
  } catch (e) {
    return err(`${path}: invalid YAML (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return ok(toAdvisory(doc));
  } catch (e) {
    if (e instanceof FieldError) return err(`${path}: ${e.field === '' ? '' : `${e.field}: `}${e.message}`);
    return err(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
