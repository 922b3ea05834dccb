import type { OsvRange } from '../core/advisory.ts';
import type { Result } from '../core/result.ts';
import { semverVersion } from './semver.ts';
import type { VersionScheme } from './version-scheme.ts';

/** The parts of an OSV `affected[]` entry that decide whether a version is affected. */
export interface OsvAffectedVersions {
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
}

/** Why a version is affected: which range (and its bounds) or which listed version matched. */
export type OsvMatch =
  | {
      readonly kind: 'range';
      readonly rangeIndex: number;
      readonly type: string;
      readonly introduced: string;
      readonly fixed?: string;
      readonly lastAffected?: string;
    }
  | { readonly kind: 'version'; readonly version: string };

type Bound = { kind: 'introduced' | 'fixed' | 'last_affected' | 'limit'; raw: string; value: unknown };

/**
 * OSV's affected-version semantics, written once (https://ossf.github.io/osv-schema/): a version
 * is affected when it is listed in `versions`, or when, walking a range's events in version order,
 * the last `introduced` at or below it is not closed by a `fixed` at or below it or a
 * `last_affected` below it, and it is below every `limit`. `introduced: "0"` means "from the
 * start". GIT ranges need commit graphs and are skipped (their `versions` list still counts).
 * SEMVER ranges use SemVer 2.0 except in Go, whose scheme is SemVer with an optional `v`.
 * Returns an error naming a bound the scheme cannot parse.
 */
export function matchOsvAffected(
  version: string,
  affected: OsvAffectedVersions,
  scheme: VersionScheme<unknown>,
): Result<OsvMatch | undefined> {
  const self = scheme.parse(version);
  if (!self.ok) return { ok: false, error: `version "${version}": ${self.error}` };
  for (const [rangeIndex, range] of (affected.ranges ?? []).entries()) {
    if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue;
    const s =
      range.type === 'SEMVER' && scheme.name !== 'go' ? (semverVersion as VersionScheme<unknown>) : scheme;
    const v = s === scheme ? self : s.parse(version);
    if (!v.ok) return { ok: false, error: `version "${version}": ${v.error}` };
    const bounds: Bound[] = [];
    for (const e of range.events) {
      for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
        const raw = e[kind];
        if (raw === undefined) continue;
        if (kind === 'introduced' && raw === '0') {
          bounds.push({ kind, raw, value: undefined });
          continue;
        }
        const p = s.parse(raw);
        if (!p.ok) return { ok: false, error: `range ${rangeIndex}: ${kind} "${raw}": ${p.error}` };
        bounds.push({ kind, raw, value: p.value });
      }
    }
    const cmp = (b: Bound) => (b.value === undefined ? 1 : s.compare(v.value, b.value));
    if (bounds.some((b) => b.kind === 'limit' && cmp(b) >= 0)) continue;
    const order = bounds
      .filter((b) => b.kind !== 'limit')
      .sort((a, b) => (a.value === undefined ? -1 : b.value === undefined ? 1 : s.compare(a.value, b.value)));
    let open: Bound | undefined;
    for (const b of order) {
      if (b.kind === 'introduced' && cmp(b) >= 0) open = b;
      else if (b.kind === 'fixed' && cmp(b) >= 0) open = undefined;
      else if (b.kind === 'last_affected' && cmp(b) > 0) open = undefined;
    }
    if (!open) continue;
    // The bound that ends this affected span, for "fixed in" and the explanation.
    const end = order.find(
      (b) => (b.kind === 'fixed' && cmp(b) < 0) || (b.kind === 'last_affected' && cmp(b) <= 0),
    );
    return {
      ok: true,
      value: {
        kind: 'range',
        rangeIndex,
        type: range.type,
        introduced: open.raw,
        ...(end?.kind === 'fixed' ? { fixed: end.raw } : {}),
        ...(end?.kind === 'last_affected' ? { lastAffected: end.raw } : {}),
      },
    };
  }
  // Ranges first: a range match carries the fixed version; the list only says "affected".
  for (const listed of affected.versions ?? []) {
    const p = scheme.parse(listed);
    if (listed === version || (p.ok && scheme.compare(p.value, self.value) === 0)) {
      return { ok: true, value: { kind: 'version', version: listed } };
    }
  }
  return { ok: true, value: undefined };
}
