import type { Advisory } from '../../core/advisory.ts';
import type { CvssRow, EpssRow, KevRow } from '../feed-sink.ts';

export type FeedKind = 'advisories' | 'kev' | 'epss' | 'cvss';

/** A file handed to a parser: its path relative to the import root and its bytes. */
export interface FeedInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** What a parser made of its input. Malformed records are skipped with a reason, never thrown. */
export interface FeedOutput {
  readonly advisories?: readonly { readonly advisory: Advisory; readonly file: string }[];
  readonly kev?: readonly KevRow[];
  readonly epss?: readonly EpssRow[];
  readonly cvss?: readonly CvssRow[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * One published feed format. `file` formats read each file alone (OSV, ruby-advisory-db…) so an
 * unchanged file is never read again; `group` formats need all their files of a source at once
 * (Alpine secdb merges releases into one advisory per CVE; EPSS is split by year).
 */
export interface FeedFormat {
  /** Stable name, recorded with each file's hash. */
  readonly name: string;
  readonly kind: FeedKind;
  readonly grouping: 'file' | 'group';
  /** Cheap test on the path and the first 4 KiB of text. */
  claims(path: string, head: string): boolean;
  parse(inputs: readonly FeedInput[], source: string): Promise<FeedOutput>;
}
