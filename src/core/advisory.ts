/**
 * A vulnerability advisory normalised from any feed (OSV, distro trackers, …). The shape follows
 * the OSV schema (https://ossf.github.io/osv-schema/) because most feeds are OSV or convert to it
 * losslessly; feeds that are not (Alpine secdb, Debian tracker) are converted into it.
 */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  /** ECOSYSTEM, SEMVER or GIT. */
  readonly type: string;
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

export interface AdvisorySeverity {
  /** CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu, or a vendor scale. */
  readonly type: string;
  /** A CVSS vector, or the vendor's level. */
  readonly score: string;
}

export interface AffectedPackage {
  /** OSV ecosystem, with release where the feed gives one (`Debian:12`, `Alpine:v3.18`, `PyPI`). */
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
  /** Per-package severity (OSV allows it). */
  readonly severity?: readonly AdvisorySeverity[];
  readonly ecosystemSpecific?: Readonly<Record<string, unknown>>;
  readonly databaseSpecific?: Readonly<Record<string, unknown>>;
}

export interface Advisory {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly related: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  /** RFC 3339. */
  readonly published?: string;
  /** RFC 3339; what incremental imports compare. */
  readonly modified: string;
  readonly withdrawn?: string;
  readonly severity: readonly AdvisorySeverity[];
  readonly affected: readonly AffectedPackage[];
  readonly references: readonly { readonly type: string; readonly url: string }[];
  /** Which feed it came from (`osv-go`, `alpine-secdb`…). */
  readonly source: string;
  readonly databaseSpecific?: Readonly<Record<string, unknown>>;
}
