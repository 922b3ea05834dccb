import { normalizeLicense } from '../../license/normalize-license.ts';
import type { CoreMetadata } from './parse-core-metadata.ts';

/**
 * Trove `License ::` classifiers that name exactly one SPDX licence. Ambiguous ones (`BSD
 * License`, `Apache Software License`, `GNU General Public License (GPL)`…) are kept verbatim:
 * guessing a version would invent a fact.
 */
const CLASSIFIER_SPDX: Readonly<Record<string, string>> = {
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'ISC License (ISCL)': 'ISC',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Python Software Foundation License': 'PSF-2.0',
  'Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'Eclipse Public License 1.0 (EPL-1.0)': 'EPL-1.0',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'European Union Public Licence 1.1 (EUPL 1.1)': 'EUPL-1.1',
  'European Union Public Licence 1.2 (EUPL 1.2)': 'EUPL-1.2',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 (LGPLv2)': 'LGPL-2.0-only',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'Universal Permissive License (UPL)': 'UPL-1.0',
  'zlib/libpng License': 'Zlib',
  'Historical Permission Notice and Disclaimer (HPND)': 'HPND',
  'Zero-Clause BSD (0BSD)': '0BSD',
};

/**
 * Declared licences, best source first (as Syft reads them): `License-Expression` (PEP 639),
 * else a short `License:` (a whole licence text pasted there is not an identifier and is skipped),
 * else every `License :: …` classifier (its last segment).
 */
export function pypiLicenses(m: CoreMetadata): string[] {
  if (m.licenseExpression) return [normalizeLicense(m.licenseExpression)];
  const license = m.license?.trim();
  if (license && !/^unknown$/i.test(license) && !license.includes('\n') && license.length <= 120) {
    return [normalizeLicense(license)];
  }
  const out = new Set<string>();
  for (const c of m.classifiers) {
    const parts = c.split('::').map((s) => s.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const last = parts.at(-1)!;
    if (parts.length === 2 && /^(OSI Approved|Other\/Proprietary License|Freely Distributable)$/.test(last)) {
      if (last !== 'OSI Approved') out.add(last);
      continue;
    }
    out.add(CLASSIFIER_SPDX[last] ?? last);
  }
  return [...out];
}
