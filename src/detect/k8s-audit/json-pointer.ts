import { isObject } from './json-value.ts';

/**
 * Parses an RFC 6901 JSON pointer into its reference tokens (`/a~1b/0` → `['a/b', '0']`), or an error
 * message when it is malformed. The empty pointer refers to the whole document.
 */
export function parseJsonPointer(
  pointer: string,
): { readonly tokens: string[] } | { readonly error: string } {
  if (pointer === '') return { tokens: [] };
  if (!pointer.startsWith('/')) return { error: `JSON pointer "${pointer}" must start with "/"` };
  const tokens: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return { error: `JSON pointer "${pointer}" has a "~" not followed by 0 or 1` };
    // ~1 first, then ~0, so that "~01" decodes to "~1" and not "/" (RFC 6901 section 4).
    tokens.push(raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  return { tokens };
}

/** Evaluates parsed pointer tokens against a document; `undefined` when any step does not exist. */
export function evaluateJsonPointer(document: unknown, tokens: readonly string[]): unknown {
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (isObject(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}
