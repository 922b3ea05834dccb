import parseSpdx from 'spdx-expression-parse';

/** One declared licence, classified for SBOM formats. */
export type LicenseTerm =
  /** One identifier of the SPDX License List, without `+` or an exception. */
  | { readonly kind: 'id'; readonly id: string }
  /** Any other valid SPDX expression over listed licences (`MIT OR Apache-2.0`, `GPL-2.0+`). */
  | { readonly kind: 'expression'; readonly expression: string }
  /** Not SPDX (`public-domain`, a licence name, an expression with LicenseRef-): the text as declared. */
  | { readonly kind: 'text'; readonly text: string };

/** Classifies `Package.licenses`: trimmed, empties dropped, duplicates removed, order kept. */
export function licenseTerms(licenses: readonly string[]): LicenseTerm[] {
  const seen = new Set<string>();
  const out: LicenseTerm[] = [];
  for (const raw of licenses) {
    const text = raw.trim();
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    out.push(classifyLicense(text));
  }
  return out;
}

export function classifyLicense(text: string): LicenseTerm {
  // LicenseRef-/DocumentRef- would need a definition we do not have; keep such text verbatim.
  if (/(LicenseRef|DocumentRef)-/.test(text)) return { kind: 'text', text };
  let parsed: ReturnType<typeof parseSpdx>;
  try {
    parsed = parseSpdx(text);
  } catch {
    return { kind: 'text', text };
  }
  if ('license' in parsed && !parsed.plus && !parsed.exception && parsed.license === text) {
    return { kind: 'id', id: text };
  }
  return { kind: 'expression', expression: text };
}

/** The terms joined with AND into one expression, compound ones in parentheses. */
export function joinExpressions(expressions: readonly string[]): string {
  if (expressions.length === 1) return expressions[0]!;
  return expressions.map((e) => (/\s/.test(e) ? `(${e})` : e)).join(' AND ');
}
