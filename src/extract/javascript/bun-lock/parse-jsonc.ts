/**
 * JSON with comments and trailing commas (what bun.lock is) → a value. Comments and commas before
 * `}`/`]` are removed outside strings, then JSON.parse does the rest (and the error reporting).
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  let pendingComma = '';
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += pendingComma + text.slice(i, j + 1);
      pendingComma = '';
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === ',') {
      out += pendingComma;
      pendingComma = ',';
      i++;
    } else if (c === '}' || c === ']') {
      pendingComma = ''; // a trailing comma
      out += c;
      i++;
    } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
    } else {
      out += pendingComma + c;
      pendingComma = '';
      i++;
    }
  }
  return JSON.parse(out + pendingComma);
}
