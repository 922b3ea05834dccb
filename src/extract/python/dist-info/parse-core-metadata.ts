/**
 * Python core metadata (METADATA in a .dist-info, PKG-INFO in an .egg-info): the RFC 822-style
 * header block. Only the headers are read; the body after the first blank line is the long
 * description and is ignored.
 */
export interface CoreMetadata {
  readonly name?: string;
  readonly version?: string;
  readonly summary?: string;
  readonly homePage?: string;
  readonly author?: string;
  readonly authorEmail?: string;
  readonly maintainer?: string;
  readonly maintainerEmail?: string;
  /** `License:` — a name, an expression, or (old setuptools) the whole licence text. */
  readonly license?: string;
  /** `License-Expression:` (Metadata 2.4, PEP 639): an SPDX expression. */
  readonly licenseExpression?: string;
  readonly licenseFiles: string[];
  readonly classifiers: string[];
  readonly platform?: string;
  readonly requiresPython?: string;
  readonly requiresDist: string[];
  readonly providesExtra: string[];
}

/** Headers that may repeat; every other header keeps its first value. */
const LISTS = {
  classifier: 'classifiers',
  'requires-dist': 'requiresDist',
  'provides-extra': 'providesExtra',
  'license-file': 'licenseFiles',
} as const;

const SINGLES = {
  name: 'name',
  version: 'version',
  summary: 'summary',
  'home-page': 'homePage',
  author: 'author',
  'author-email': 'authorEmail',
  maintainer: 'maintainer',
  'maintainer-email': 'maintainerEmail',
  license: 'license',
  'license-expression': 'licenseExpression',
  platform: 'platform',
  'requires-python': 'requiresPython',
} as const;

/** The header block of `text` as raw (lowercased name, value) pairs; continuation lines are folded in. */
export function parseHeaders(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    // Only a truly empty line ends the headers: setuptools writes a multi-line Description with
    // whitespace-only continuation lines.
    if (line === '') {
      if (out.length > 0) break;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      // Continuation: setuptools indents multi-line License/Description values with 8 spaces (or `|`).
      const last = out.at(-1);
      if (last) last[1] += `\n${line.replace(/^[ \t]+\|?/, '').trimEnd()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return out;
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const single: Record<string, string> = {};
  const lists: Record<(typeof LISTS)[keyof typeof LISTS], string[]> = {
    classifiers: [],
    requiresDist: [],
    providesExtra: [],
    licenseFiles: [],
  };
  for (const [key, value] of parseHeaders(text)) {
    const list = LISTS[key as keyof typeof LISTS];
    if (list) {
      if (value !== '') lists[list].push(value);
      continue;
    }
    const field = SINGLES[key as keyof typeof SINGLES];
    if (field && single[field] === undefined && value !== '') single[field] = value;
  }
  return { ...single, ...lists };
}
