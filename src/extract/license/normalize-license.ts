import spdxCorrect from 'spdx-correct';
import parseSpdx from 'spdx-expression-parse';

/**
 * A declared licence as an SPDX expression when it maps to one (`GPL-2+` → `GPL-2.0-or-later`,
 * `MIT or Apache 2.0` → `MIT OR Apache-2.0`); the declared text, trimmed, otherwise.
 */
export function normalizeLicense(declared: string): string {
  const text = declared.trim();
  if (text === '') return text;
  if (isValidSpdx(text)) return text;
  // Distro fields write operators in lowercase or with commas; normalise them, then each term.
  const tokens = text
    .replace(/\s*,\s*/g, ' AND ')
    .replace(/\s+(and|&)\s+/gi, ' AND ')
    .replace(/\s+or\s+/gi, ' OR ')
    .replace(/\s+with\s+/gi, ' WITH ');
  const parts = tokens.split(/ (AND|OR) /);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      out.push(part);
      continue;
    }
    const bare = part.replace(/^\(+|\)+$/g, '').trim();
    const fixed = isValidSpdx(bare) ? bare : correctTerm(bare);
    if (!fixed) return text;
    out.push(part.replace(bare, fixed));
  }
  const joined = out.join(' ');
  return isValidSpdx(joined) ? joined : text;
}

export function isValidSpdx(expr: string): boolean {
  try {
    parseSpdx(expr);
    return true;
  } catch {
    return false;
  }
}

/** One licence term; keeps a trailing `+` ("or later"), which spdx-correct drops. */
function correctTerm(term: string): string | null {
  const orLater = term.endsWith('+');
  const fixed = spdxCorrect(orLater ? term.slice(0, -1) : term, { upgrade: true });
  if (!fixed || !orLater || fixed.endsWith('-or-later')) return fixed;
  if (fixed.endsWith('-only')) return `${fixed.slice(0, -'-only'.length)}-or-later`;
  return isValidSpdx(`${fixed}+`) ? `${fixed}+` : fixed;
}
