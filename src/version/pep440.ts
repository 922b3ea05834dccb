import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * Python package versions (PEP 440), with the pre-PEP 440 "legacy" fallback that old releases on
 * PyPI still need: such versions parse, but sort before every PEP 440 version, the way
 * setuptools/packaging ordered them while LegacyVersion existed.
 */
export type Pep440Version = Pep440Standard | Pep440Legacy;

export interface Pep440Standard {
  readonly kind: 'pep440';
  readonly raw: string;
  readonly epoch: bigint;
  /** Trailing zeros removed: "1.0" and "1" are the same release. */
  readonly release: readonly bigint[];
  /** Normalised phase ('a' | 'b' | 'rc') and number. */
  readonly pre?: { readonly phase: 'a' | 'b' | 'rc'; readonly n: bigint };
  readonly post?: bigint;
  readonly dev?: bigint;
  /** Lower-cased local segments ("+ubuntu.1" → ["ubuntu", "1"]). */
  readonly local: readonly string[];
}

export interface Pep440Legacy {
  readonly kind: 'legacy';
  readonly raw: string;
  /** setuptools' legacy sort key: zero-padded numbers and '*'-prefixed words. */
  readonly key: readonly string[];
}

// The PEP 440 Appendix B grammar, which accepts every alternative spelling the spec normalises.
const PEP440 = new RegExp(
  '^\\s*v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?:-(?<postN1>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?)?' +
    '(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
);

const PRE_PHASE: Record<string, 'a' | 'b' | 'rc'> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

/** Legacy spellings setuptools folded together before comparing ("dev" sorts before everything). */
const LEGACY_REPLACE: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

function legacyKey(text: string): string[] {
  const parts: string[] = [];
  const tokens = [...(text.match(/\d+|[a-z]+|\.|-/g) ?? []), 'final'];
  for (const token of tokens) {
    if (token === '.') continue;
    const t = LEGACY_REPLACE[token] ?? token;
    const part = /^\d/.test(t) ? t.padStart(8, '0') : `*${t}`;
    if (part.startsWith('*')) {
      // Pre-release words drop a preceding "-" marker, and any word drops trailing zeros before it,
      // so "1.0-final" and "1" compare equal.
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function parse(raw: string): Result<Pep440Version> {
  const text = raw.toLowerCase();
  if (text.trim() === '') return err('empty Python version');
  if (/[\u0000-\u001f\u007f]/.test(text)) return err('Python version contains control characters');
  const m = PEP440.exec(text);
  const g = m?.groups;
  if (!g) {
    if (!/[a-z0-9]/.test(text)) return err('Python version has no letters or digits');
    return ok({ kind: 'legacy', raw, key: legacyKey(text.trim()) });
  }
  const release = g.release!.split('.').map((p) => BigInt(p));
  while (release.length > 1 && release.at(-1) === 0n) release.pop();
  const post = g.postN1 ?? (g.postL !== undefined ? (g.postN2 ?? '0') : undefined);
  const v: Pep440Standard = {
    kind: 'pep440',
    raw,
    epoch: BigInt(g.epoch ?? '0'),
    release,
    ...(g.preL !== undefined ? { pre: { phase: PRE_PHASE[g.preL]!, n: BigInt(g.preN ?? '0') } } : {}),
    ...(post !== undefined ? { post: BigInt(post) } : {}),
    ...(g.devL !== undefined ? { dev: BigInt(g.devN ?? '0') } : {}),
    local: g.local === undefined ? [] : g.local.split(/[-_.]/),
  };
  return ok(v);
}

function cmp<T extends bigint | string>(a: T, b: T): Ordering {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** A missing segment sorts as given ("no pre" is after any pre, "no post" before any post). */
function cmpOptional(a: bigint | undefined, b: bigint | undefined, missing: Ordering): Ordering {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return a === undefined ? missing : (-missing as Ordering);
  }
  return cmp(a, b);
}

function cmpSequence<T>(a: readonly T[], b: readonly T[], item: (x: T, y: T) => Ordering): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = item(a[i]!, b[i]!);
    if (r !== 0) return r;
  }
  return cmp(BigInt(a.length), BigInt(b.length));
}

/** Local segments: numbers compare numerically and above any word; words compare as text. */
function cmpLocal(a: string, b: string): Ordering {
  const an = /^[0-9]+$/.test(a);
  const bn = /^[0-9]+$/.test(b);
  if (an && bn) return cmp(BigInt(a), BigInt(b));
  if (an !== bn) return an ? 1 : -1;
  return cmp(a, b);
}

const PHASE_RANK = { a: 0, b: 1, rc: 2 } as const;

/**
 * The pre-release slot per packaging's sort key: a bare ".devN" release (no pre, no post) sorts
 * before its alphas, a final release after its release candidates.
 */
function preKey(v: Pep440Standard): bigint[] {
  if (v.pre === undefined) return v.post === undefined && v.dev !== undefined ? [-1n] : [3n];
  return [BigInt(PHASE_RANK[v.pre.phase]), v.pre.n];
}

function compareStandard(a: Pep440Standard, b: Pep440Standard): Ordering {
  return (
    cmp(a.epoch, b.epoch) ||
    // Release segments compare as if zero-padded; trailing zeros are already stripped.
    cmpSequence(a.release, b.release, cmp) ||
    cmpSequence(preKey(a), preKey(b), cmp) ||
    cmpOptional(a.post, b.post, -1) ||
    cmpOptional(a.dev, b.dev, 1) ||
    cmpSequence(a.local, b.local, cmpLocal)
  );
}

function compare(a: Pep440Version, b: Pep440Version): Ordering {
  if (a.kind === 'pep440' && b.kind === 'pep440') return compareStandard(a, b);
  if (a.kind === 'legacy' && b.kind === 'legacy') return cmpSequence(a.key, b.key, cmp);
  return a.kind === 'legacy' ? -1 : 1;
}

export const pep440Version: VersionScheme<Pep440Version> = { name: 'pep440', parse, compare };
