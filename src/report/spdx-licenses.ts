import { joinExpressions, licenseTerms } from './license-terms.ts';
import { spdxIdString } from './spdx-ids.ts';
import { uniqueIds } from './unique-ids.ts';

/** An SPDX 2.3 `hasExtractedLicensingInfos` entry: a licence text that is not on the SPDX list. */
export interface ExtractedLicensingInfo {
  licenseId: string;
  name: string;
  extractedText: string;
}

/** Builds `licenseDeclared` values for one document and collects the LicenseRef- definitions they use. */
export interface SpdxLicenseRefs {
  /**
   * The declared licences as one SPDX expression, joined with AND; a text that is not SPDX becomes
   * a `LicenseRef-…` (the same text always the same ref). `NOASSERTION` when nothing was declared.
   */
  declared(licenses: readonly string[]): string;
  /** The definitions of every LicenseRef- handed out so far, in the order they were made. */
  extracted(): ExtractedLicensingInfo[];
}

export function spdxLicenseRefs(): SpdxLicenseRefs {
  const alloc = uniqueIds();
  const byText = new Map<string, ExtractedLicensingInfo>();
  const refFor = (text: string): string => {
    let info = byText.get(text);
    if (!info) {
      info = { licenseId: alloc(`LicenseRef-${spdxIdString(text, 64)}`), name: text, extractedText: text };
      byText.set(text, info);
    }
    return info.licenseId;
  };
  return {
    declared(licenses) {
      const terms = licenseTerms(licenses);
      if (terms.length === 0) return 'NOASSERTION';
      return joinExpressions(
        terms.map((t) => (t.kind === 'id' ? t.id : t.kind === 'expression' ? t.expression : refFor(t.text))),
      );
    },
    extracted: () => [...byText.values()],
  };
}
