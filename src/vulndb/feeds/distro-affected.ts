import type { Advisory, AdvisorySeverity, AffectedPackage } from '../../core/advisory.ts';

/**
 * `modified` for feeds that publish no dates (Alpine secdb, the Debian tracker JSON). Such feeds
 * cannot be imported incrementally by date: the store compares content fingerprints of the
 * normalised advisories instead, so a constant here never hides a change.
 */
export const UNDATED = '1970-01-01T00:00:00Z';

/** A record a parser left out, and why. `path` names the input file. */
export interface FeedSkip {
  readonly path: string;
  readonly reason: string;
}

/** Options of a parser that reads one file. */
export interface FeedFileOptions {
  /** The file's name, for skip records. */
  readonly path: string;
  /** Feed name stored in `Advisory.source` (`debian-dsa`, `debian-tracker`…). */
  readonly source: string;
}

/** What a distro feed parser returns: never throws, bad records land in `skipped`. */
export interface ParsedFeed {
  readonly advisories: Advisory[];
  readonly skipped: FeedSkip[];
}

/**
 * A package the feed says is not affected (Alpine secfix `0`, Debian `<not-affected>` or
 * `fixed_version: 0`). Kept in `Advisory.databaseSpecific.notAffected` so a matcher can subtract it
 * (a "not affected" statement is information, unlike silence).
 */
export interface NotAffected {
  readonly ecosystem: string;
  readonly name: string;
}

/**
 * A distro package affected from the beginning (`introduced: 0`) until `fixed`, or with no fix
 * when `fixed` is undefined. Distro feeds only know fix versions, never where a flaw came in.
 */
export function distroAffected(
  ecosystem: string,
  name: string,
  fixed: string | undefined,
  extra: {
    readonly severity?: readonly AdvisorySeverity[];
    readonly ecosystemSpecific?: Readonly<Record<string, unknown>>;
  } = {},
): AffectedPackage {
  return {
    ecosystem,
    name,
    ranges: [
      {
        type: 'ECOSYSTEM',
        events: fixed === undefined ? [{ introduced: '0' }] : [{ introduced: '0' }, { fixed }],
      },
    ],
    versions: [],
    ...(extra.severity === undefined || extra.severity.length === 0 ? {} : { severity: extra.severity }),
    ...(extra.ecosystemSpecific === undefined ? {} : { ecosystemSpecific: extra.ecosystemSpecific }),
  };
}

/** Orders affected entries and not-affected notes by ecosystem, then name (stable output). */
export function byEcosystemAndName(
  a: { readonly ecosystem: string; readonly name: string },
  b: { readonly ecosystem: string; readonly name: string },
): number {
  return compareText(a.ecosystem, b.ecosystem) || compareText(a.name, b.name);
}

/** Code-unit order, independent of the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Printable, short form of untrusted text for a skip reason. */
export function clip(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
