import { joinExpressions, type LicenseTerm, licenseTerms } from './license-terms.ts';

export type CdxLicense = { license: { id: string } | { name: string } } | { expression: string };

function licenseObject(t: LicenseTerm): CdxLicense {
  if (t.kind === 'id') return { license: { id: t.id } };
  return { license: { name: t.kind === 'text' ? t.text : t.expression } };
}

/**
 * A package's declared licences as a CycloneDX `licenses` array, which is either a list of
 * licence objects or exactly one expression (the schema allows no mix):
 * - all listed ids → `[{license:{id}}…]`;
 * - ids and expressions → one `{expression}` joining them with AND;
 * - anything that is not SPDX → licence objects, the text (and any expression) as `{license:{name}}`.
 * Undefined when nothing was declared.
 */
export function cdxLicenses(licenses: readonly string[]): CdxLicense[] | undefined {
  const terms = licenseTerms(licenses);
  if (terms.length === 0) return undefined;
  const spdx: string[] = [];
  for (const t of terms) {
    if (t.kind === 'text') return terms.map(licenseObject);
    spdx.push(t.kind === 'id' ? t.id : t.expression);
  }
  if (terms.every((t) => t.kind === 'id')) return terms.map(licenseObject);
  return [{ expression: joinExpressions(spdx) }];
}
