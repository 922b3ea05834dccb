import { normalizeLicense } from '../license/normalize-license.ts';

/** Strips parentheses that enclose the whole text: `(A OR B)` → `A OR B`, but not `(A) OR (B)`. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) {
    let depth = 0;
    let closesAtEnd = true;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '(') depth++;
      else if (t[i] === ')') depth--;
      if (depth === 0 && i < t.length - 1) {
        closesAtEnd = false;
        break;
      }
    }
    if (!closesAtEnd) break;
    t = t.slice(1, -1).trim();
  }
  return t;
}

/**
 * The operands of an expression's top-level AND, each without enclosing parentheses:
 * `Apache-2.0 AND (MIT OR ISC) AND Zlib` → `Apache-2.0`, `MIT OR ISC`, `Zlib`. The inverse of how
 * our encoders join a package's licences, so a list survives a round trip; nested ANDs stay whole.
 */
export function splitLicenseExpression(expression: string): string[] {
  const text = unwrap(expression);
  const and = /\s+AND\s+/iy;
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0) {
      and.lastIndex = i;
      const m = and.exec(text);
      if (m) {
        out.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(text.slice(start));
  return out.map(unwrap).filter((t) => t !== '');
}

/** Values that say "no licence information" rather than naming one. */
const NO_LICENSE: ReadonlySet<string> = new Set(['NOASSERTION', 'NONE', '']);

/**
 * Licence texts as Package.licenses holds them: trimmed, normalised to SPDX where they map to it
 * (the same normalisation the extractors apply), without NOASSERTION/NONE, each once.
 */
export function packageLicenses(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of texts) {
    const text = raw.trim();
    if (NO_LICENSE.has(text.toUpperCase())) continue;
    const normalized = normalizeLicense(text);
    if (normalized !== '') out.add(normalized);
  }
  return [...out];
}
