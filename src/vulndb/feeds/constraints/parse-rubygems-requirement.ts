import { err, ok, type Result } from '../../../core/result.ts';
import type { Comparator, ComparatorOp } from './comparator.ts';

const PART = /^(~>|>=|<=|!=|=|>|<)?\s*([0-9][0-9A-Za-z.-]*)$/;

/**
 * Parses a Gem::Requirement string as ruby-advisory-db writes them (`"~> 6.1.7, >= 6.1.7.1"`):
 * comma-separated comparators, all of which must hold; a bare version means `=`. `~> x` becomes
 * `>= x, < bump(x)` with RubyGems' bump (`~> 1.2.3` → `< 1.3`, `~> 1.2.3.rc1` → `< 1.3`,
 * `~> 5` → `< 6`). RubyGems excludes every version whose release part equals the bump (so
 * `1.3.a` too); `< 1.3` admits `1.3.a`, a prerelease nobody pins against a `~>` patch line.
 * `!=` cannot be one interval and is refused. Never throws.
 */
export function parseRubygemsRequirement(text: string): Result<Comparator[]> {
  const out: Comparator[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = PART.exec(part);
    if (m === null) return err(`"${part}" is not a RubyGems requirement (an operator and a version)`);
    const op = (m[1] ?? '=') as ComparatorOp | '~>' | '!=';
    const version = m[2]!;
    if (op === '!=') return err(`"${part}": != excludes one version and cannot be written as a range`);
    if (op === '~>') out.push({ op: '>=', version }, { op: '<', version: gemBump(version) });
    else out.push({ op, version });
  }
  return ok(out);
}

/** Gem::Version#bump: drop the prerelease part and the last release segment, then add one. */
export function gemBump(version: string): string {
  const segments = version.replaceAll('-', '.pre.').match(/[0-9]+|[A-Za-z]+/g) ?? [];
  while (segments.some((s) => !/^[0-9]/.test(s))) segments.pop();
  if (segments.length > 1) segments.pop();
  const last = segments.length - 1;
  segments[last] = (BigInt(segments[last] ?? '0') + 1n).toString();
  return segments.join('.');
}
