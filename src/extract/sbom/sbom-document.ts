import type { PackageHash } from '../../core/package.ts';

/**
 * Name/value pairs an SBOM attaches to an element: CycloneDX `properties`, SPDX annotations
 * written `name: value` (as our encoders write both). A name may repeat.
 */
export type SbomProperties = ReadonlyMap<string, readonly string[]>;

/** A CycloneDX component or an SPDX package, in the terms both formats share. */
export interface SbomElement {
  /** bom-ref / SPDXID: unique within the document. */
  readonly ref: string;
  readonly name: string;
  readonly version?: string;
  /** CycloneDX `group` (a Maven groupId, an npm scope). */
  readonly group?: string;
  readonly purl?: string;
  /** Declared licences as written: ids, names, expressions (split on top-level AND). */
  readonly licenses: readonly string[];
  readonly hashes: readonly PackageHash[];
  /** Supplier or author as `Name <email>`. */
  readonly supplier?: string;
  readonly description?: string;
  readonly properties: SbomProperties;
}

/** An edge between two elements, by ref. */
export interface SbomEdge {
  readonly from: string;
  readonly to: string;
  readonly type: 'depends-on' | 'contains';
}

/**
 * What a decoder reads from one document, before packages get ids, ecosystems and sources. The
 * decoders only translate shapes; every rule about packages lives in sbom-scan-result.ts.
 */
export interface SbomDocument {
  readonly format: 'cyclonedx' | 'spdx';
  /**
   * What the SBOM describes when that is not a package itself: CycloneDX `metadata.component`,
   * the SPDX package the document DESCRIBES. `container` when it is a container image.
   */
  readonly subject?: { readonly element: SbomElement; readonly container: boolean };
  /** The operating-system component (CycloneDX) or package of purpose OPERATING-SYSTEM (SPDX). */
  readonly os?: SbomElement;
  readonly packages: readonly SbomElement[];
  readonly edges: readonly SbomEdge[];
  /** Refs whose dependencies the document states, even as none (a CycloneDX `dependencies` entry). */
  readonly dependenciesKnown: ReadonlySet<string>;
  /** Problems with single elements (an unparseable purl, a component without a name…). */
  readonly warnings: readonly string[];
}
