import type { PurlPattern } from './purl-pattern.ts';

/**
 * A product a VEX statement speaks about. `purl` is absent when the product is named some other
 * way (a CPE, a URL): such a product then only scopes its `subcomponents`.
 */
export interface VexProduct {
  readonly purl?: PurlPattern;
  /** Packages inside the product (OpenVEX `subcomponents`), e.g. the packages of an image. */
  readonly subcomponents: readonly PurlPattern[];
}

/** One VEX statement from OpenVEX or CycloneDX, normalised. */
export interface VexStatement {
  readonly format: 'openvex' | 'cyclonedx';
  /** The vulnerability's name (`CVE-2023-38545`) — or its `@id` IRI when it has no name. */
  readonly vulnerability: string;
  /** Other ids of the vulnerability (OpenVEX `aliases` and `@id`, CycloneDX `references[].id`). */
  readonly aliases: readonly string[];
  readonly products: readonly VexProduct[];
  /**
   * The status as written: OpenVEX `not_affected`, `affected`, `fixed`, `under_investigation`;
   * CycloneDX `analysis.state`: `not_affected`, `false_positive`, `resolved`,
   * `resolved_with_pedigree`, `exploitable`, `in_triage`.
   */
  readonly status: string;
  /** True for the statuses that hide a finding (not affected / fixed / false positive / resolved). */
  readonly suppresses: boolean;
  /** Justification, impact statement or detail, for the suppression's reason. */
  readonly reason: string;
  /** When the statement was made or last updated (epoch ms); absent when the document gives no time. */
  readonly time?: number;
  /** The file it came from. */
  readonly source: string;
}

/** The statements of one or more VEX documents, in document order, and what could not be used. */
export interface VexStatements {
  readonly statements: readonly VexStatement[];
  /** Products or references that were skipped (no purl, unresolvable bom-ref…). */
  readonly warnings: readonly string[];
}

/** Joins the statements of several documents; later documents win ties between equal timestamps. */
export function mergeVexStatements(all: readonly VexStatements[]): VexStatements {
  return {
    statements: all.flatMap((v) => v.statements),
    warnings: all.flatMap((v) => v.warnings),
  };
}
