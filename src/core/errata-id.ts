/**
 * Distro errata (ALSA-, RHSA-, DSA-, USN-…) are update announcements: they stand for the CVEs
 * they fix, listed in `aliases` or `related` (AlmaLinux uses `related`). Matching treats each of
 * those CVEs as one vulnerability (src/match/vulnerability-identity.ts), and the store indexes an
 * errata's `related` ids with its aliases (AdvisoryLookup.relatedAdvisories).
 */
const ERRATA_PREFIXES = [
  'ALSA-',
  'ALBA-',
  'ALEA-',
  'RLSA-',
  'RHSA-',
  'RHBA-',
  'RHEA-',
  'ELSA-',
  'DSA-',
  'DLA-',
  'USN-',
  'SUSE-SU-',
] as const;

export function isErrataId(id: string): boolean {
  return ERRATA_PREFIXES.some((p) => id.startsWith(p));
}

/**
 * The ids an advisory speaks for besides its own: its aliases, and for errata also `related`.
 * Not `related` of other advisories: GHSA uses it for different vulnerabilities (CVE-2021-45046
 * is related to, not the same as, CVE-2021-44228).
 */
export function indexedAliases(a: {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly related: readonly string[];
}): string[] {
  return [...new Set(isErrataId(a.id) ? [...a.aliases, ...a.related] : a.aliases)];
}
