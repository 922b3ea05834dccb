import { err, ok, type Result } from '../../core/result.ts';

/**
 * Compiles a glob over package location paths (relative, no leading slash: `app/lib/*.jar`).
 * The glob must match the whole path. `*` matches within one path segment, `?` one character
 * other than `/`, `[abc]` / `[a-z]` / `[!abc]` one character of a class, and `**` as a whole
 * segment any number of segments: `**` alone matches everything, `app/**` everything under
 * `app`, and a leading `**` then `/x.jar` an `x.jar` at any depth. A leading `/` or `./` is
 * ignored, so `/usr/lib/x` means `usr/lib/x`.
 */
export function compilePathGlob(glob: string): Result<RegExp> {
  const pattern = glob.replace(/^(\.\/|\/)+/, '');
  if (pattern === '') return err('the glob is empty');
  let re = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      const next = pattern[i + 2];
      if (!atStart || (next !== undefined && next !== '/')) {
        return err(`"${glob}": "**" must be a whole path segment`);
      }
      if (next === '/') {
        re += '(?:[^/]*/)*'; // zero or more directories
        i += 3;
      } else {
        re += '.*';
        i += 2;
      }
      continue;
    }
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return err(`"${glob}": "[" without a closing "]"`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') return err(`"${glob}": empty character class`);
      const escaped = body.replace(/[\\\]^]/g, '\\$&');
      re += negate ? `[^/${escaped}]` : `[${escaped}]`;
      i = end + 1;
      continue;
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
    i++;
  }
  return ok(new RegExp(`^${re}$`, 'u'));
}
