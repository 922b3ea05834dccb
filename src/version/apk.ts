import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * An Alpine (apk) package version: `number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}`.
 *
 * `apk version -t` accepts malformed strings too and still orders them, and advisories contain
 * such versions, so parsing is lenient: anything the grammar cannot consume is kept in
 * `remainder`, and a string whose tail is not a `-r#` build is flagged `invalid` (two invalid
 * versions fall back to a plain byte-wise string comparison, like the reference implementation).
 */
export interface ApkVersion {
  readonly original: string;
  readonly invalid: boolean;
  /** Dot-separated digit runs, kept as text: leading zeros matter and values may be huge. */
  readonly components: readonly string[];
  /** Optional single lower-case letter after the numbers; '' when absent. */
  readonly letter: string;
  readonly suffixes: readonly ApkSuffix[];
  /** `~hash` commit marker; ignored when comparing (hashes carry no order). */
  readonly hash: string;
  /** Build number from `-rN` (digits); '0' when absent. */
  readonly build: string;
  readonly remainder: string;
}

export interface ApkSuffix {
  /** Position in SUFFIX_ORDER (pre-releases below NO_SUFFIX, post-releases above). */
  readonly weight: number;
  readonly number: string;
}

// apk's documented suffix order; "p" (patch) is the highest.
const SUFFIX_ORDER = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
const NO_SUFFIX: ApkSuffix = { weight: SUFFIX_ORDER.indexOf(''), number: '0' };
// "pre" is listed before "p" so the longer name wins, as in a leftmost-first regex.
const SUFFIX_RE = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g;

function parse(input: string): Result<ApkVersion> {
  const raw = input.trim();
  if (raw === '') return err('empty version');
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return err('version contains whitespace or control characters');

  let rest = raw;
  const numbers = /^\d+(?:\.\d+)*/.exec(rest)?.[0] ?? '';
  const components = numbers === '' ? [] : numbers.split('.');
  rest = rest.slice(numbers.length);

  const letter = /^[a-z]/.test(rest) ? rest.charAt(0) : '';
  rest = rest.slice(letter.length);

  // Suffixes found anywhere in the tail still count (matching the reference behaviour for
  // malformed strings), but only those directly at the front are consumed.
  const suffixes: ApkSuffix[] = [];
  for (const m of rest.matchAll(SUFFIX_RE)) {
    const name = m[1] ?? '';
    suffixes.push({
      weight: SUFFIX_ORDER.indexOf(name as (typeof SUFFIX_ORDER)[number]),
      number: m[2] || '0',
    });
    if (rest.startsWith(m[0])) rest = rest.slice(m[0].length);
  }

  const hash = /^~[0-9a-f]+/.exec(rest)?.[0] ?? '';
  rest = rest.slice(hash.length);

  let build = '0';
  let invalid = false;
  if (rest !== '') {
    const m = /^-r(\d*)/.exec(rest);
    if (m) {
      build = m[1] || '0';
      rest = rest.slice(m[0].length);
    } else {
      // Whatever is left is not a build number: the version does not follow the grammar.
      invalid = true;
    }
  }
  return ok({ original: raw, invalid, components, letter, suffixes, hash, build, remainder: rest });
}

function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function cmpText(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric comparison of digit strings of any length. */
function cmpNumber(a: string, b: string): Ordering {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return cmpText(x, y);
}

function compareComponents(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    let d: Ordering;
    if (i > 0 && x !== undefined && y !== undefined && (x.startsWith('0') || y.startsWith('0'))) {
      // apk treats a later component with a leading zero as a decimal fraction ("1.05" < "1.1"),
      // which is a string comparison of the digits.
      d = cmpText(x, y);
    } else {
      // A missing component counts as 0, so "1.0" equals "1".
      d = cmpNumber(x ?? '0', y ?? '0');
    }
    if (d !== 0) return d;
  }
  return 0;
}

function compareLetters(a: string, b: string): Ordering {
  // Any letter is newer than none ("1.0a" > "1.0").
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  return cmpText(a, b);
}

function compareSuffixes(a: readonly ApkSuffix[], b: readonly ApkSuffix[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? NO_SUFFIX;
    const y = b[i] ?? NO_SUFFIX;
    const d = sign(x.weight - y.weight) || cmpNumber(x.number, y.number);
    if (d !== 0) return d;
  }
  return 0;
}

function compare(a: ApkVersion, b: ApkVersion): Ordering {
  if (a.invalid && b.invalid) return sign(Buffer.compare(Buffer.from(a.original), Buffer.from(b.original)));
  return (compareComponents(a.components, b.components) ||
    compareLetters(a.letter, b.letter) ||
    compareSuffixes(a.suffixes, b.suffixes) ||
    cmpNumber(a.build, b.build) ||
    // Unparsed leftovers make a version older than an otherwise equal clean one.
    (a.remainder === '' ? 0 : -1) - (b.remainder === '' ? 0 : -1) ||
    0) as Ordering;
}

export const apkVersion: VersionScheme<ApkVersion> = { name: 'apk', parse, compare };
