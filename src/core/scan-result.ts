import type { ConfigFinding } from './config-finding.ts';
import type { Finding } from './finding.ts';
import type { ImageInfo } from './image-info.ts';
import type { FileError } from './inventory.ts';
import type { OsInfo } from './os-info.ts';
import type { Package } from './package.ts';

/** `config` is a `bulwark config <file|dir>` run: configuration checks only, no packages. */
export type TargetKind = 'image' | 'rootfs' | 'filesystem' | 'repository' | 'sbom' | 'config';

/** A dependency edge between two packages of the same scan (by Package.id). */
export interface Relationship {
  readonly from: string;
  readonly to: string;
  readonly type: 'depends-on' | 'contains';
}

/**
 * The result of extracting an artifact: the model behind every SBOM format and, later, matching.
 * Serialised as the documented `--format json` output (see docs/json-format.md).
 */
export interface ScanResult {
  readonly target: { readonly kind: TargetKind; readonly name: string };
  readonly image?: ImageInfo;
  readonly os?: OsInfo;
  readonly packages: readonly Package[];
  readonly relationships: readonly Relationship[];
  readonly errors: readonly FileError[];
  /** Present when the scan was matched against an advisory database (sorted: severity, then id). */
  readonly vulnerabilities?: {
    readonly findings: readonly Finding[];
    /** Packages that could not be compared (unparseable version, unknown ecosystem scheme…). */
    readonly warnings: readonly { readonly packageId: string; readonly message: string }[];
    /** The advisory sources consulted, with their last import time. */
    readonly database: readonly { readonly source: string; readonly importedAt: string }[];
  };
  /**
   * Present when configuration checks ran (Dockerfiles, Kubernetes manifests, the image config),
   * even if nothing failed; suppressed findings included. Sorted: severity (highest first), file,
   * line, rule id (compareConfigFindings).
   */
  readonly misconfigurations?: readonly ConfigFinding[];
  /** ISO time the scan finished. */
  readonly createdAt: string;
  readonly tool: { readonly name: 'bulwark'; readonly version: string };
}
