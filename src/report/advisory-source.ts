/** Who publishes an advisory id, and the page that shows it. */
export interface AdvisorySource {
  readonly name: string;
  /** Absent when the id has no public page we know the address of. */
  readonly url?: string;
}

/** Id prefixes with a public per-advisory page, most specific first. */
const KNOWN: readonly { prefix: string; name: string; url: (id: string) => string }[] = [
  { prefix: 'CVE-', name: 'NVD', url: (id) => `https://nvd.nist.gov/vuln/detail/${id}` },
  { prefix: 'GHSA-', name: 'GitHub', url: (id) => `https://github.com/advisories/${id}` },
  { prefix: 'GO-', name: 'Go', url: (id) => `https://pkg.go.dev/vuln/${id}` },
  { prefix: 'RUSTSEC-', name: 'RustSec', url: (id) => `https://rustsec.org/advisories/${id}.html` },
  { prefix: 'PYSEC-', name: 'PyPA', url: (id) => `https://osv.dev/vulnerability/${id}` },
  { prefix: 'DSA-', name: 'Debian', url: (id) => `https://security-tracker.debian.org/tracker/${id}` },
  { prefix: 'DLA-', name: 'Debian', url: (id) => `https://security-tracker.debian.org/tracker/${id}` },
  { prefix: 'ALSA-', name: 'AlmaLinux', url: (id) => `https://osv.dev/vulnerability/${id}` },
];

/**
 * The publisher and page of an advisory id, from its prefix (`CVE-` → NVD, `GHSA-` → GitHub,
 * `GO-` → the Go vulnerability database…). Undefined for prefixes we do not know: callers fall
 * back to the finding's own references rather than guess an address.
 */
export function advisorySource(id: string): AdvisorySource | undefined {
  const known = KNOWN.find((k) => id.startsWith(k.prefix));
  // Ids are feed data: only build an address from one that cannot break out of the path.
  if (!known || !/^[A-Za-z0-9._:-]+$/.test(id)) return known && { name: known.name };
  return { name: known.name, url: known.url(id) };
}

/**
 * An http(s) URL that every output can carry as is: no whitespace and none of the characters a
 * URI may not hold unescaped (`<>"{}|\^` and backtick), which feeds sometimes leave in.
 */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\/[^\s<>"{}|\\^`]+$/.test(text);
}

/** The address to cite for a finding: its id's page, else its first usable reference. */
export function advisoryUrl(id: string, references: readonly string[]): string | undefined {
  return advisorySource(id)?.url ?? references.find(isWebUrl);
}
