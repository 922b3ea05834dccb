import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * An RPM EVR `[epoch:]version[-release]`. Each part is compared with rpmvercmp; the epoch is kept
 * as text (default "0") because rpmvercmp already orders digit runs numerically.
 */
export interface RpmVersion {
  readonly epoch: string;
  readonly version: string;
  /**
   * Includes the leading "-" when present, so "1-" (empty release) sorts after "1" (no release),
   * matching the reference vectors.
   */
  readonly release: string;
}

function parse(raw: string): Result<RpmVersion> {
  const text = raw.trim();
  if (text === '') return err('empty version');
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return err('version contains whitespace or control characters');

  // Only an all-digit prefix before the first colon is an epoch; otherwise the colon is just a
  // separator inside the version (rpmvercmp skips it), as seen in module-stream versions.
  let epoch = '0';
  let rest = text;
  const colon = text.indexOf(':');
  if (colon >= 0 && /^[0-9]*$/.test(text.slice(0, colon))) {
    const e = text.slice(0, colon);
    if (e !== '') epoch = e;
    rest = text.slice(colon + 1);
  }
  // Like rpm's own EVR parser, the release starts after the LAST hyphen.
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash) : '';
  return ok({ epoch, version, release });
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isAlphaCode = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const TILDE = 126;
const CARET = 94;

/** Separators are anything rpmvercmp does not look at: not ASCII alphanumeric, `~` or `^`. */
function isSeparator(c: number): boolean {
  return !isDigitCode(c) && !isAlphaCode(c) && c !== TILDE && c !== CARET;
}

function cmpStr(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * rpmvercmp: split into alternating digit / letter segments, skipping separators. `~` sorts before
 * anything (pre-releases), `^` sorts after the end of the string but before any further segment
 * (post-release snapshots). A numeric segment beats an alphabetic one.
 */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  // An absent part is older than a present one (e.g. "1" < "1-").
  if (a === '' || b === '') return a === '' ? -1 : 1;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) i++;
    while (j < b.length && isSeparator(b.charCodeAt(j))) j++;
    const ca = i < a.length ? a.charCodeAt(i) : -1;
    const cb = j < b.length ? b.charCodeAt(j) : -1;

    if (ca === TILDE || cb === TILDE) {
      if (ca !== cb) return ca === TILDE ? -1 : 1;
      i++;
      j++;
      continue;
    }
    if (ca === CARET || cb === CARET) {
      if (ca === cb) {
        i++;
        j++;
        continue;
      }
      // "1.0^" > "1.0" (other side ended) but "1.0^git" < "1.0.1" (other side continues).
      if (ca === CARET) return cb === -1 ? 1 : -1;
      return ca === -1 ? -1 : 1;
    }
    if (ca === -1 || cb === -1) break;

    // Take a run of the same kind as a's current character from both strings.
    const numeric = isDigitCode(ca);
    const same = numeric ? isDigitCode : isAlphaCode;
    const si = i;
    while (i < a.length && same(a.charCodeAt(i))) i++;
    const sj = j;
    while (j < b.length && same(b.charCodeAt(j))) j++;
    let sa = a.slice(si, i);
    let sb = b.slice(sj, j);
    // b has a different kind of segment here: numbers are newer than letters.
    if (sb === '') return numeric ? 1 : -1;
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length < sb.length ? -1 : 1;
    }
    const d = cmpStr(sa, sb);
    if (d !== 0) return d;
  }
  // Whichever string still has (non-separator) characters left is newer.
  const la = a.length - i;
  const lb = b.length - j;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

function compare(a: RpmVersion, b: RpmVersion): Ordering {
  return rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}

export const rpmVersion: VersionScheme<RpmVersion> = { name: 'rpm', parse, compare };
