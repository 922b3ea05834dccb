import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * A SemVer 2.0.0 version as OSV reads it for npm, crates.io and Hex: leniently. Advisories and
 * lockfiles carry `v1.2.3`, `1.2` or even `1.2.3.4`, so the release is any number of numeric
 * components (missing ones count as 0) rather than exactly three.
 */
export interface SemverVersion {
  /** Release components as canonical digit strings (no leading zeros), so huge numbers stay exact. */
  readonly release: readonly string[];
  /** Dot-separated prerelease identifiers; empty when this is a release. */
  readonly prerelease: readonly string[];
  /** Build identifiers; kept for display and for schemes (Pub) that order by them. */
  readonly build: readonly string[];
}

const IDENTIFIER = /^[0-9A-Za-z-]+$/;
const DIGITS = /^[0-9]+$/;

/** Strips leading zeros so numeric strings compare by length, then lexically: exact for any size. */
export function canonicalDigits(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

export function compareDigits(a: string, b: string): Ordering {
  const x = canonicalDigits(a);
  const y = canonicalDigits(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Plain code-unit order: SemVer says identifiers compare "lexically in ASCII sort order". */
export function compareStrings(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitIdentifiers(text: string, what: string): Result<string[]> {
  const parts = text.split('.');
  for (const part of parts) {
    if (!IDENTIFIER.test(part)) return err(`invalid ${what} identifier "${part}"`);
  }
  return ok(parts);
}

/**
 * Parses `[v]N(.N)*[-pre][+build]`. Shared with the Go and Pub schemes, which differ only in what
 * they accept on top and in how they order build metadata.
 */
export function parseSemverLike(raw: string): Result<SemverVersion> {
  let text = raw.trim();
  if (text === '') return err('empty version');
  if (text.startsWith('v') || text.startsWith('V')) text = text.slice(1);
  let build: string[] = [];
  const plus = text.indexOf('+');
  if (plus !== -1) {
    const parsed = splitIdentifiers(text.slice(plus + 1), 'build');
    if (!parsed.ok) return parsed;
    build = parsed.value;
    text = text.slice(0, plus);
  }
  let prerelease: string[] = [];
  const dash = text.indexOf('-');
  if (dash !== -1) {
    const parsed = splitIdentifiers(text.slice(dash + 1), 'prerelease');
    if (!parsed.ok) return parsed;
    prerelease = parsed.value;
    text = text.slice(0, dash);
  }
  const release = text.split('.');
  for (const component of release) {
    if (!DIGITS.test(component)) return err(`release component "${component}" is not a number`);
  }
  return ok({ release: release.map(canonicalDigits), prerelease, build });
}

/** Missing components are 0, so `1.2` equals `1.2.0`. */
export function compareRelease(a: readonly string[], b: readonly string[]): Ordering {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * SemVer §11: numeric identifiers compare numerically and sort before alphanumeric ones, which
 * compare in ASCII order; when all shared identifiers are equal the longer list wins.
 */
export function compareIdentifierLists(a: readonly string[], b: readonly string[]): Ordering {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNumeric = DIGITS.test(x);
    const yNumeric = DIGITS.test(y);
    let order: Ordering;
    if (xNumeric && yNumeric) order = compareDigits(x, y);
    else if (xNumeric !== yNumeric) order = xNumeric ? -1 : 1;
    else order = compareStrings(x, y);
    if (order !== 0) return order;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Release first; a prerelease sorts before its release; build metadata never affects order. */
export function compareSemverPrecedence(a: SemverVersion, b: SemverVersion): Ordering {
  const release = compareRelease(a.release, b.release);
  if (release !== 0) return release;
  const aPre = a.prerelease.length > 0;
  const bPre = b.prerelease.length > 0;
  if (aPre !== bPre) return aPre ? -1 : 1;
  return compareIdentifierLists(a.prerelease, b.prerelease);
}

export const semverVersion: VersionScheme<SemverVersion> = {
  name: 'semver',
  parse: parseSemverLike,
  compare: compareSemverPrecedence,
};
