import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * A Debian package version `[epoch:]upstream[-revision]` (deb-version(7)). The epoch is kept as a
 * digit string (leading zeros stripped) so arbitrarily large epochs compare exactly.
 */
export interface DebVersion {
  readonly epoch: string;
  readonly upstream: string;
  /** '' when absent; dpkg treats a missing revision like "0", which verrevcmp does for free. */
  readonly revision: string;
}

/** Characters dpkg accepts in the upstream part (colon only matters when an epoch is present). */
const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]+$/;
const REVISION_CHARS = /^[A-Za-z0-9.+~]+$/;

function parse(raw: string): Result<DebVersion> {
  const text = raw.trim();
  if (text === '') return err('empty version');
  if (/\s/.test(text)) return err('version contains whitespace');

  // The epoch is everything before the first colon; it must be a plain decimal number.
  let epoch = '0';
  let rest = text;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const e = text.slice(0, colon);
    if (!/^[0-9]+$/.test(e)) return err(`epoch "${e}" is not a number`);
    epoch = e.replace(/^0+(?=.)/, '');
    rest = text.slice(colon + 1);
    if (rest === '') return err('nothing after the epoch colon');
  }

  // The revision starts after the LAST hyphen, so upstream versions may themselves contain hyphens.
  let upstream = rest;
  let revision = '';
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) {
    upstream = rest.slice(0, dash);
    revision = rest.slice(dash + 1);
    if (revision === '') return err('empty revision after "-"');
  }
  if (upstream === '') return err('empty upstream version');
  if (!/^[0-9]/.test(upstream)) return err(`upstream version "${upstream}" does not start with a digit`);
  if (!UPSTREAM_CHARS.test(upstream)) return err(`invalid character in upstream version "${upstream}"`);
  if (colon < 0 && upstream.includes(':')) return err('colon in upstream version without an epoch');
  if (revision !== '' && !REVISION_CHARS.test(revision)) {
    return err(`invalid character in revision "${revision}"`);
  }
  return ok({ epoch, upstream, revision });
}

/**
 * dpkg's character weight for the non-digit parts: `~` sorts before everything (even the end of
 * the string), the end of the string and digits weigh 0, letters sort before any other symbol.
 */
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1;
  return c + 256;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two digit strings numerically without converting (no overflow on long runs). */
function compareDigits(a: string, b: string): Ordering {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** dpkg's verrevcmp: alternate non-digit runs (by `order`) and digit runs (numerically). */
export function verrevcmp(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit run: compare character by character, the shorter side padded with weight 0.
    while ((i < a.length && !isDigit(a, i)) || (j < b.length && !isDigit(b, j))) {
      const d = order(a, i) - order(b, j);
      if (d !== 0) return sign(d);
      i++;
      j++;
    }
    // Digit run: an empty run counts as 0, which is why "1.0" equals "1.0-0".
    const si = i;
    while (i < a.length && isDigit(a, i)) i++;
    const sj = j;
    while (j < b.length && isDigit(b, j)) j++;
    const d = compareDigits(a.slice(si, i), b.slice(sj, j));
    if (d !== 0) return d;
  }
  return 0;
}

function compare(a: DebVersion, b: DebVersion): Ordering {
  return (
    compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision)
  );
}

export const debVersion: VersionScheme<DebVersion> = { name: 'deb', parse, compare };
