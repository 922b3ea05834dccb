import type { Location } from './location.ts';

/**
 * Severity of a finding, highest first. NEGLIGIBLE is Debian's "unimportant" and similar vendor
 * levels; UNKNOWN means no source gave one (never treated as LOW).
 */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NEGLIGIBLE', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for sorting and thresholds: CRITICAL 5 … NEGLIGIBLE 1, UNKNOWN 0. */
export function severityRank(s: Severity): number {
  return s === 'UNKNOWN' ? 0 : SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

/** One parsed and scored CVSS vector attached to a finding. */
export interface FindingCvss {
  readonly version: '2.0' | '3.0' | '3.1' | '4.0';
  readonly vector: string;
  readonly baseScore: number;
  /** Who published it: the advisory id (`GHSA-…`) or `nvd` / `cve5` for enrichment records. */
  readonly source: string;
}

/** Why a package matched one advisory: which name was looked up and which range or version hit. */
export interface MatchDetail {
  /** The advisory whose `affected` entry matched (`GHSA-jfh8-c2jp-5v3q`, `ALSA-2024:0670`, `DSA-3696-1`). */
  readonly advisoryId: string;
  /** Feed it came from (`osv-ghsa-subset`, `alpine-secdb`…). */
  readonly source: string;
  /**
   * How the package was looked up: by its own name (`direct`), by its source package (`source`,
   * dpkg Source: / apk origin / SRPM name), as the kernel (`kernel`: `linux-image-*` → `linux`),
   * or as the Go toolchain (`stdlib`).
   */
  readonly via: 'direct' | 'source' | 'kernel' | 'stdlib';
  /** Ecosystem and name searched in the advisory index. */
  readonly ecosystem: string;
  readonly name: string;
  /** The version compared (the source package's version when `via` is `source`). */
  readonly version: string;
  /** Range that matched, with its bounds, or the explicitly listed version. */
  readonly matched:
    | {
        readonly kind: 'range';
        readonly type: string;
        readonly introduced: string;
        readonly fixed?: string;
        readonly lastAffected?: string;
      }
    | { readonly kind: 'version'; readonly version: string };
}

export interface KevEntry {
  readonly dateAdded: string;
  readonly dueDate?: string;
  readonly knownRansomwareCampaignUse?: string;
  readonly vulnerabilityName?: string;
  readonly requiredAction?: string;
}

export interface EpssEntry {
  /** Probability of exploitation activity in the next 30 days, 0–1. */
  readonly score: number;
  readonly percentile: number;
  /** Score date (YYYY-MM-DD) when the feed gives one. */
  readonly date?: string;
}

/** A finding hidden by a VEX statement or an ignore rule; it is still reported, marked so. */
export interface Suppression {
  readonly kind: 'vex' | 'ignore';
  /** VEX status (`not_affected`, `fixed`) or `ignored`. */
  readonly status: string;
  /** The justification or reason text given. */
  readonly reason: string;
  /** File the statement or rule came from. */
  readonly source: string;
}

export type FixState = 'fixed' | 'not-fixed' | 'wont-fix' | 'unknown';

/**
 * One vulnerability affecting one package. Advisories that are aliases of each other (CVE ↔
 * GHSA ↔ GO- …) and distro errata for the CVE are merged into one finding. Part of the
 * documented JSON output (docs/json-format.md).
 */
export interface Finding {
  /** Display id: the CVE when the merged advisories name exactly one, else the first advisory id. */
  readonly id: string;
  /** Every other id of the same vulnerability (GHSA, GO-, ALSA, DSA…), sorted. */
  readonly aliases: readonly string[];
  readonly package: {
    /** Package.id within the scan. */
    readonly id: string;
    readonly name: string;
    readonly version: string;
    readonly type: string;
    readonly purl: string;
    readonly ecosystem?: string;
    readonly locations: readonly Location[];
  };
  /** Versions that fix it, lowest first, in the package's own ecosystem. */
  readonly fixedVersions: readonly string[];
  readonly fixState: FixState;
  readonly severity: Severity;
  /**
   * Where `severity` came from: `vendor:<advisory>`, `ghsa`, `cvss:<version>`, `nvd`, `none`; or,
   * when nothing of the finding's own rates it, another advisory for its CVE:
   * `related:<advisory>`, `related-cvss:<advisory>`.
   */
  readonly severitySource: string;
  readonly cvss: readonly FindingCvss[];
  readonly kev?: KevEntry;
  readonly epss?: EpssEntry;
  /** 0–100; see docs/risk-score.md. */
  readonly risk: number;
  readonly title?: string;
  readonly description?: string;
  readonly published?: string;
  readonly references: readonly string[];
  /** One entry per advisory range that matched. */
  readonly details: readonly MatchDetail[];
  readonly suppressed?: Suppression;
}
