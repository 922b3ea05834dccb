import type { Location } from './location.ts';

/** purl types we emit; also the `type` of a Package. Later issues add language types. */
export type PackageType = 'deb' | 'apk' | 'rpm' | (string & {});

/**
 * One software package found in a scanned artifact. Fields are stable (they are part of the
 * documented JSON output); type-specific data goes into `metadata`.
 */
export interface Package {
  /** Stable within one scan; used for dependency relationships (`dependsOn`). */
  readonly id: string;
  readonly name: string;
  /** Full version as the ecosystem writes it (dpkg: [epoch:]upstream[-revision]; rpm: [epoch:]version-release). */
  readonly version: string;
  readonly type: PackageType;
  /** OSV ecosystem with release, e.g. `Debian:12`, `Alpine:v3.18`, `AlmaLinux:9`; undefined when unknown. */
  readonly ecosystem?: string;
  readonly purl: string;
  readonly arch?: string;
  /** The source package it was built from (dpkg Source:, apk origin, rpm SOURCERPM). */
  readonly source?: { readonly name: string; readonly version?: string };
  /** SPDX expressions where the declared licence maps to one; the declared text verbatim otherwise. */
  readonly licenses: readonly string[];
  readonly maintainer?: string;
  readonly locations: readonly Location[];
  /** Files the package manager says it installed (paths without leading slash). */
  readonly files?: readonly string[];
  /** ids of packages this one depends on (resolved within the scan). */
  readonly dependsOn?: readonly string[];
  /** Extractor that found it, e.g. `os/dpkg`. */
  readonly foundBy: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}
