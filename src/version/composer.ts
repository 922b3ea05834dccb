import { err, ok, type Result } from '../core/result.ts';
import { compareDigits } from './semver.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * A Composer/Packagist version, ordered as PHP's version_compare() orders it after Composer's
 * clean-up of a leading `v`. version_compare splits the text into numeric and alphabetic
 * tokens and ranks the alphabetic ones by stability: dev < alpha = a < beta = b < RC = rc < #
 * < pl = p, with unknown words below dev.
 */
export interface ComposerVersion {
  /** Tokens after version_compare's canonicalisation: all digits, or no digits at all. */
  readonly tokens: readonly string[];
}

const ALLOWED = /^[0-9A-Za-z.+_#-]+$/;
const DIGITS = /^[0-9]+$/;

/** php_canonicalize_version: `-`, `_`, `+` become `.`; a `.` splits every digit/non-digit run. */
function tokenize(text: string): string[] {
  return text
    .replace(/[-_+]/g, '.')
    .replace(/([^0-9.])(?=[0-9])/g, '$1.')
    .replace(/([0-9])(?=[^0-9.])/g, '$1.')
    .split('.')
    .filter((t) => t !== '');
}

/*
 * compare_special_version_forms matches by prefix, in this order, so `beta2` is never seen (it is
 * split first) but `patch` counts as `p` and `RC` is case-sensitive: `Rc` is unknown.
 */
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function specialWeight(token: string): number {
  for (const [name, weight] of SPECIAL_FORMS) if (token.startsWith(name)) return weight;
  return -1;
}

/**
 * version_compare treats a number met by a word as the form "#N#", i.e. weight of `#`. A literal
 * `#` token therefore equals every number, which is not transitive (`1.0.# == 1.0` and
 * `1.0.# > 1.0.1-rc1`, yet `1.0 < 1.0.1-rc1`); the vectors require it, and real Packagist
 * versions never contain `#`, so only such hand-made inputs can see the inconsistency.
 */
const NUMBER_WEIGHT = 4;

function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareTokens(x: string, y: string): Ordering {
  const xNumeric = DIGITS.test(x);
  const yNumeric = DIGITS.test(y);
  if (xNumeric && yNumeric) return compareDigits(x, y);
  const wx = xNumeric ? NUMBER_WEIGHT : specialWeight(x);
  const wy = yNumeric ? NUMBER_WEIGHT : specialWeight(y);
  return sign(wx - wy);
}

/**
 * Leftover tokens of the longer version: version_compare calls a leading number newer outright
 * (`1.0.0 > 1.0`), and otherwise compares the rest against "#N#" token by token, so `1.0pl1 > 1.0`
 * but `1.0-beta < 1.0`.
 */
function compareTail(tail: readonly string[]): Ordering {
  for (const token of tail) {
    if (DIGITS.test(token)) return 1;
    const order = sign(specialWeight(token) - NUMBER_WEIGHT);
    if (order !== 0) return order;
  }
  return 0;
}

function parseComposer(raw: string): Result<ComposerVersion> {
  const text = raw.trim();
  if (text === '') return err('empty version');
  if (!ALLOWED.test(text)) return err('only letters, digits and . - _ + # may appear in a Composer version');
  // Composer strips the `v` of tags like v1.2.3 before comparing.
  const tokens = tokenize(text.replace(/^[vV]/, ''));
  if (tokens.length === 0) return err('no version tokens');
  return ok({ tokens });
}

function compareComposer(a: ComposerVersion, b: ComposerVersion): Ordering {
  const length = Math.min(a.tokens.length, b.tokens.length);
  for (let i = 0; i < length; i++) {
    const order = compareTokens(a.tokens[i]!, b.tokens[i]!);
    if (order !== 0) return order;
  }
  if (a.tokens.length > length) return compareTail(a.tokens.slice(length));
  if (b.tokens.length > length) return sign(-compareTail(b.tokens.slice(length)));
  return 0;
}

export const composerVersion: VersionScheme<ComposerVersion> = {
  name: 'composer',
  parse: parseComposer,
  compare: compareComposer,
};
