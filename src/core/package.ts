import type { Location } from './location.ts';

/** purl types we emit; also the `type` of a Package. */
export type PackageType =
  | 'deb'
  | 'apk'
  | 'rpm'
  | 'npm'
  | 'maven'
  | 'pypi'
  | 'golang'
  | 'cargo'
  | 'gem'
  | 'composer'
  | 'nuget'
  | 'generic'
  | (string & {});

/** A content hash; `content` is lowercase hex. */
export interface PackageHash {
  readonly alg: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-512';
  readonly content: string;
}

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
  /** A direct dependency of the project (true), transitive (false); undefined when unknown. */
  readonly direct?: boolean;
  /** Only needed for development (devDependencies, dev groups); undefined when unknown. */
  readonly dev?: boolean;
  /** Hashes of the artifact the package was identified from (a jar's SHA-1 and SHA-256, a binary's SHA-256). */
  readonly hashes?: readonly PackageHash[];
  /** Extractor that found it, e.g. `os/dpkg`. */
  readonly foundBy: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}
