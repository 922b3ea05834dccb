import { err, ok, type Result } from '../../../core/result.ts';
import type { Comparator, ComparatorOp, Constraint } from './comparator.ts';

const SINGLE = /^(>=|<=|==|=|>|<|~|\^)?v?([0-9][0-9A-Za-z.+_*-]*|\*)$/;

/**
 * Parses a Composer version constraint (https://getcomposer.org/doc/articles/versions.md) into an
 * OR of constraints: `||` (or `|`) separates alternatives; `,` or whitespace separates comparators
 * that must all hold. Expands `~1.2` (`>=1.2 <2.0`), `~1.2.3` (`>=1.2.3 <1.3`), `^1.2.3`
 * (`>=1.2.3 <2.0`; `^0.3` → `<0.4`), wildcards (`1.2.*` → `>=1.2 <1.3`, `*`) and hyphen ranges
 * (`1.0 - 2.0` → `>=1.0 <2.1`). Upper bounds are plain versions, not Composer's `-dev` forms.
 * `!=`, stability flags (`@dev`) and branch names (`dev-main`) are refused. Never throws.
 */
export function parseComposerConstraint(text: string): Result<Constraint[]> {
  const out: Constraint[] = [];
  for (const alternative of text.split(/\|\|?/)) {
    const tokens = alternative
      .trim()
      .replace(/(>=|<=|==|=|>|<|~|\^)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((t) => t !== '');
    const set: Comparator[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (tokens[i + 1] === '-' && tokens[i + 2] !== undefined) {
        const r = hyphen(token, tokens[i + 2]!);
        if (!r.ok) return err(`"${alternative.trim()}": ${r.error}`);
        set.push(...r.value);
        i += 2;
        continue;
      }
      const r = single(token);
      if (!r.ok) return err(`"${token}" in "${text.trim()}": ${r.error}`);
      set.push(...r.value);
    }
    out.push(set);
  }
  return ok(out);
}

function single(token: string): Result<Comparator[]> {
  const m = SINGLE.exec(token);
  if (m === null) return err('not a Composer version constraint');
  const op = m[1] ?? '';
  const version = m[2]!;
  const wildcard = /^((?:[0-9]+\.)*)\*$/.exec(version) ?? /^((?:[0-9]+\.)*)[xX]$/.exec(version);
  if (wildcard) {
    if (op !== '' && op !== '=' && op !== '==') return err(`"${op}" before a wildcard`);
    const parts = wildcard[1]!.split('.').filter((p) => p !== '');
    return ok(
      parts.length === 0 ? [] : [{ op: '>=', version: parts.join('.') }, lt(bump(parts, parts.length - 1))],
    );
  }
  const parts = release(version);
  switch (op) {
    case '~':
      return ok([{ op: '>=', version }, lt(bump(parts, Math.max(parts.length - 2, 0)))]);
    case '^': {
      const first = parts.findIndex((p) => BigInt(p) !== 0n);
      const at = first === -1 ? parts.length - 1 : first;
      return ok([{ op: '>=', version }, lt(bump(parts, at))]);
    }
    case '':
    case '==':
      return ok([{ op: '=', version }]);
    default:
      return ok([{ op: op as ComparatorOp, version }]);
  }
}

function hyphen(from: string, to: string): Result<Comparator[]> {
  const a = single(from);
  const b = single(to);
  if (!a.ok || !b.ok || /^\D/.test(from) || /^\D/.test(to))
    return err(`"${from} - ${to}" is not a hyphen range`);
  const parts = release(to);
  // A partial upper end covers its whole line: `1.0 - 2.0` means `< 2.1`, `1.0 - 2.0.0` `<= 2.0.0`.
  const upper: Comparator = parts.length < 3 ? lt(bump(parts, parts.length - 1)) : { op: '<=', version: to };
  return ok([{ op: '>=', version: from }, upper]);
}

/** The leading numeric components (`1.2.3-p1` → 1, 2, 3). */
function release(version: string): string[] {
  return (/^[0-9]+(?:\.[0-9]+)*/.exec(version)?.[0] ?? '0').split('.');
}

/** Adds one to component `at` and drops the ones after it. */
function bump(parts: readonly string[], at: number): string[] {
  return [...parts.slice(0, at), (BigInt(parts[at] ?? '0') + 1n).toString()];
}

function lt(parts: readonly string[]): Comparator {
  return { op: '<', version: parts.length === 1 ? `${parts[0]}.0` : parts.join('.') };
}
