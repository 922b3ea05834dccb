import { err, ok, type Result } from '../../../core/result.ts';
import type { Comparator, Constraint } from './comparator.ts';

/** `1`, `1.2`, `1.2.3-pre`, with `x`/`X`/`*` wildcards; a leading `v` or `=` allowed. */
const PARTIAL =
  /^[v=]*\s*v?(0|[1-9]\d*|[xX*])(?:\.(0|[1-9]\d*|[xX*]))?(?:\.(0|[1-9]\d*|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const OPERATOR = /^(<=|>=|<|>|=|~>|~|\^)?(.*)$/;

interface Partial {
  readonly major?: bigint;
  readonly minor?: bigint;
  readonly patch?: bigint;
  readonly pre?: string;
}

/**
 * Parses an npm (node-semver) range into an OR of constraints: `||` separates alternatives,
 * whitespace separates comparators that must all hold (`>= 1.2.3 < 2` is read like `>=1.2.3 <2`).
 * Expands hyphen ranges (`1.2 - 2.3.4`), `^`, `~` (and `~>`), x-ranges (`1.x`, `1.2.*`, `*`) and
 * partial versions as node-semver does, except that upper bounds are plain versions (`^1.2.3` →
 * `>=1.2.3 <2.0.0`, not node-semver's `<2.0.0-0`): OSV ranges compare prereleases by plain SemVer
 * order and have no equivalent of npm's prerelease opt-in rule anyway. Never throws.
 */
export function parseNpmRange(text: string): Result<Constraint[]> {
  const out: Constraint[] = [];
  for (const alternative of text.split('||')) {
    const set = alternative.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
    if (hyphen) {
      const r = hyphenRange(hyphen[1]!, hyphen[2]!);
      if (!r.ok) return err(`"${set}": ${r.error}`);
      out.push(r.value);
      continue;
    }
    const comparators: Comparator[] = [];
    const tokens = set.replace(/(<=|>=|<|>|=|~>|~|\^)\s+/g, '$1').split(/\s+/);
    for (const token of tokens.filter((t) => t !== '')) {
      const r = expand(token);
      if (!r.ok) return err(`"${token}" in "${text.trim()}": ${r.error}`);
      comparators.push(...r.value);
    }
    out.push(comparators);
  }
  return ok(out);
}

function expand(token: string): Result<Comparator[]> {
  const [, op = '', rest = ''] = OPERATOR.exec(token) ?? [];
  const v = partial(rest);
  if (v === undefined) return err('not an npm version or range');
  const { major, minor, patch } = v;
  const lowest = full(v);
  if (major === undefined) {
    // `*`, `x`: everything, unless it is a strict bound, which admits nothing.
    return op === '<' || op === '>' ? err(`${op}* admits no version`) : ok([]);
  }
  switch (op) {
    case '':
    case '=':
      if (patch !== undefined) return ok([{ op: '=', version: lowest }]);
      return ok([{ op: '>=', version: lowest }, lt(bumpLast(v))]);
    case '~':
    case '~>':
      return ok([
        { op: '>=', version: lowest },
        lt(minor === undefined ? [major + 1n] : [major, minor + 1n]),
      ]);
    case '^': {
      const upper =
        major > 0n || minor === undefined
          ? [major + 1n]
          : minor > 0n || patch === undefined
            ? [major, minor + 1n]
            : [major, minor, patch + 1n];
      return ok([{ op: '>=', version: lowest }, lt(upper)]);
    }
    case '>=':
      return ok([{ op: '>=', version: lowest }]);
    case '<':
      return ok([{ op: '<', version: lowest }]);
    case '>':
      return ok([
        patch === undefined ? { op: '>=', version: full(bumpLastPartial(v)) } : { op: '>', version: lowest },
      ]);
    case '<=':
      return ok([patch === undefined ? lt(bumpLast(v)) : { op: '<=', version: lowest }]);
    default:
      return err(`unknown operator "${op}"`);
  }
}

function hyphenRange(from: string, to: string): Result<Comparator[]> {
  const a = partial(from);
  const b = partial(to);
  if (a === undefined) return err(`"${from}" is not an npm version`);
  if (b === undefined) return err(`"${to}" is not an npm version`);
  const out: Comparator[] = a.major === undefined ? [] : [{ op: '>=', version: full(a) }];
  if (b.major !== undefined)
    out.push(b.patch === undefined ? lt(bumpLast(b)) : { op: '<=', version: full(b) });
  return ok(out);
}

function partial(text: string): Partial | undefined {
  const m = PARTIAL.exec(text.trim());
  if (m === null) return undefined;
  const num = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : BigInt(s));
  const major = num(m[1]);
  const minor = major === undefined ? undefined : num(m[2]);
  const patch = minor === undefined ? undefined : num(m[3]);
  // A prerelease only belongs to a full version (`1.2.3-beta`); `1.x-beta` is not a version.
  if (m[4] !== undefined && patch === undefined) return undefined;
  return {
    ...(major === undefined ? {} : { major }),
    ...(minor === undefined ? {} : { minor }),
    ...(patch === undefined ? {} : { patch }),
    ...(m[4] === undefined ? {} : { pre: m[4] }),
  };
}

/** The lowest version the partial stands for: missing components are 0. */
function full(v: Partial): string {
  const core = `${v.major ?? 0n}.${v.minor ?? 0n}.${v.patch ?? 0n}`;
  return v.pre === undefined ? core : `${core}-${v.pre}`;
}

/** The release after every version the partial covers: `1` → `2`, `1.2` → `1.3`. */
function bumpLast(v: Partial): bigint[] {
  return v.minor === undefined ? [v.major! + 1n] : [v.major!, v.minor + 1n];
}

function bumpLastPartial(v: Partial): Partial {
  const [major, minor] = bumpLast(v);
  return { major: major!, ...(minor === undefined ? {} : { minor }) };
}

function lt(parts: readonly bigint[]): Comparator {
  return { op: '<', version: [0, 1, 2].map((i) => parts[i] ?? 0n).join('.') };
}
