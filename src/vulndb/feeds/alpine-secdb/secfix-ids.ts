import { clip } from '../distro-affected.ts';

/** What one secfixes entry names. */
export interface SecfixIds {
  /** The vulnerabilities the entry says are fixed: every CVE in it, else its first other id. */
  readonly ids: readonly string[];
  /** Other identifiers written beside them (`XSA-182`, `TALOS-2019-0844`, `GHSA-…`). */
  readonly related: readonly string[];
  /** Tokens that look like a CVE id but are not one; each becomes a skip reason. */
  readonly problems: readonly string[];
}

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;
/** A CVE id followed by junk: `CVE-2019-19451.patch`, `CVE-2017-17434-1` (first of two patches). */
const CVE_HEAD_RE = /^(CVE-\d{4}-\d{4,})[^0-9]/;
/** `CVE-????-?????`: an id not assigned yet when the entry was written; says nothing. */
const CVE_PLACEHOLDER_RE = /^CVE-[?X]{4}-/i;
/** Vendor ids: `XSA-207`, `GHSA-h6cc-rc6q-23j4`, `ZBX-11023`, `wnpa-sec-2017-18`. */
const OTHER_ID_RE = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/;

/**
 * Reads one entry of an aport's `secfixes` list. Entries are free text written by hand in
 * APKBUILDs, and real ones include `CVE-2017-2616 (+ regression fix)`, `CVE-2016-6258 XSA-182`,
 * `CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI`, `CVE_2019-2426`, `CVE 2018-16859` and
 * `XSA-207`. So: a parenthesised remark is dropped, `CVE_`/`CVE ` before a year is read as `CVE-`,
 * every CVE token is an id, other vendor ids go to `related` (or become the id when there is no
 * CVE), and remaining words (`XPTI`) are remarks. Never throws.
 */
export function secfixIds(entry: string): SecfixIds | { readonly reason: string } {
  const paren = entry.indexOf('(');
  const text = (paren < 0 ? entry : entry.slice(0, paren)).replace(/\bCVE[_ ](?=\d{4}-\d)/gi, 'CVE-');
  const cves: string[] = [];
  const others: string[] = [];
  const problems: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (token === '' || CVE_PLACEHOLDER_RE.test(token)) continue;
    const upper = token.toUpperCase();
    if (upper.startsWith('CVE-')) {
      const id = CVE_RE.test(upper) ? upper : CVE_HEAD_RE.exec(upper)?.[1];
      if (id === undefined) problems.push(`"${clip(token)}" is not a CVE id`);
      else if (!cves.includes(id)) cves.push(id);
    } else if (OTHER_ID_RE.test(token) && !others.includes(token)) {
      others.push(token);
    }
  }
  if (cves.length > 0) return { ids: cves, related: others, problems };
  const [first, ...rest] = others;
  if (first !== undefined) return { ids: [first], related: rest, problems };
  return { reason: problems[0] ?? `no vulnerability id in "${clip(entry)}"` };
}
