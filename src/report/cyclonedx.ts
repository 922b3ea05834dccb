import { randomUUID } from 'node:crypto';
import type { Package } from '../core/package.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { type CdxLicense, cdxLicenses } from './cyclonedx-licenses.ts';
import { type CdxVulnerability, cdxVulnerabilities } from './cyclonedx-vulnerabilities.ts';
import { dependencyGraph } from './dependency-graph.ts';
import type { EncodeOptions } from './encoder.ts';
import { packageIndexer } from './finding-package.ts';
import { digestHash, imagePurl } from './image-purl.ts';
import { parseMaintainer } from './maintainer.ts';
import { imageProperties, osProperties, type Property, packageProperties } from './properties.ts';
import { sortPackages } from './sort-packages.ts';
import { uniqueIds } from './unique-ids.ts';

/** The parts of a CycloneDX 1.6 component we emit. */
export interface CdxComponent {
  'bom-ref': string;
  type: 'application' | 'container' | 'file' | 'library' | 'operating-system';
  supplier?: { name: string; contact?: { email: string }[] };
  name: string;
  version?: string;
  description?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: CdxLicense[];
  purl?: string;
  properties?: { name: string; value: string }[];
}

export interface CdxDependency {
  ref: string;
  dependsOn?: string[];
}

export interface CdxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
    properties?: { name: string; value: string }[];
  };
  components: CdxComponent[];
  dependencies: CdxDependency[];
  /** Present when the scan was matched against advisories (then possibly empty). */
  vulnerabilities?: CdxVulnerability[];
}

const props = (list: readonly Property[]) =>
  list.length ? list.map(([name, value]) => ({ name, value })) : undefined;

/** `T` whose fields may also be given as undefined (meaning: leave the field out). */
type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Copies `obj` without its undefined fields, so optional fields are absent rather than undefined. */
function defined<T extends object>(obj: Loose<T>): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function rootComponent(result: ScanResult, ref: string): CdxComponent {
  const { image, target } = result;
  const base: Property[] = [['bulwark:target:kind', target.kind]];
  if (!image)
    return defined<CdxComponent>({
      'bom-ref': ref,
      type: 'file',
      name: target.name,
      properties: props(base),
    });
  const hash = digestHash(image.manifestDigest);
  return defined<CdxComponent>({
    'bom-ref': ref,
    type: 'container',
    name: image.reference,
    version: image.manifestDigest ?? image.configDigest,
    hashes: hash ? [{ alg: hash.alg, content: hash.hex }] : undefined,
    purl: imagePurl(image),
    properties: props([...base, ...imageProperties(image)]),
  });
}

function packageComponent(pkg: Package, ref: string, containedIn: readonly string[]): CdxComponent {
  const maintainer = parseMaintainer(pkg.maintainer);
  const extra: Property[] = containedIn.map((parent) => ['bulwark:package:containedIn', parent]);
  return defined<CdxComponent>({
    'bom-ref': ref,
    type: 'library',
    supplier:
      maintainer &&
      defined<NonNullable<CdxComponent['supplier']>>({
        name: maintainer.name,
        contact: maintainer.email ? [{ email: maintainer.email }] : undefined,
      }),
    name: pkg.name,
    version: pkg.version || undefined,
    hashes: pkg.hashes?.length ? pkg.hashes.map((h) => ({ alg: h.alg, content: h.content })) : undefined,
    licenses: cdxLicenses(pkg.licenses),
    purl: pkg.purl || undefined,
    properties: props([...packageProperties(pkg), ...extra]),
  });
}

/**
 * The scan as a CycloneDX 1.6 BOM object. The image (or directory) is `metadata.component`, the OS
 * a component of type `operating-system`, every package a `library` component whose bom-ref is its
 * id (made unique when ids repeat). The dependency graph reads: target → OS and non-OS packages,
 * OS → its packages (found by `os/*` extractors), package → its direct dependencies; packages whose
 * dependencies are unknown get no entry, as the spec asks. A matched scan adds `vulnerabilities`
 * (see cdxVulnerabilities), each affecting the components of its findings.
 */
export function toCycloneDx(result: ScanResult, opts: EncodeOptions = {}): CdxBom {
  const alloc = uniqueIds();
  const rootRef = alloc(
    result.image
      ? (imagePurl(result.image) ?? `image:${result.image.reference}`)
      : `target:${result.target.name}`,
  );
  const os = result.os;
  const osRef = os ? alloc(`os:${os.id}${os.versionId ? `@${os.versionId}` : ''}`) : undefined;
  const packages = sortPackages(result.packages);
  const refs = packages.map((p, i) => alloc(p.id || `package-${i}`));
  const graph = dependencyGraph(packages, result.relationships);

  const components: CdxComponent[] = [];
  if (os && osRef) {
    components.push(
      defined<CdxComponent>({
        'bom-ref': osRef,
        type: 'operating-system' as const,
        name: os.id,
        version: os.versionId,
        description: os.prettyName,
        properties: props(osProperties(os)),
      }),
    );
  }
  packages.forEach((p, i) => {
    components.push(
      packageComponent(
        p,
        refs[i]!,
        graph[i]!.containedIn.map((j) => refs[j]!),
      ),
    );
  });

  const underOs = (p: Package) => osRef !== undefined && p.foundBy.startsWith('os/');
  const dependencies: CdxDependency[] = [
    {
      ref: rootRef,
      dependsOn: [...(osRef ? [osRef] : []), ...refs.filter((_, i) => !underOs(packages[i]!))],
    },
  ];
  if (osRef) dependencies.push({ ref: osRef, dependsOn: refs.filter((_, i) => underOs(packages[i]!)) });
  graph.forEach((edges, i) => {
    if (edges.dependsOn)
      dependencies.push({ ref: refs[i]!, dependsOn: edges.dependsOn.map((j) => refs[j]!) });
  });

  const indexOf = packageIndexer(packages);
  const vulnerabilities =
    result.vulnerabilities &&
    cdxVulnerabilities(
      result.vulnerabilities.findings,
      (f) => {
        const i = indexOf(f);
        return i === undefined ? undefined : refs[i];
      },
      alloc,
    );

  const metaProps: Property[] = result.errors.length
    ? [['bulwark:scan:errorCount', String(result.errors.length)]]
    : [];
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${(opts.randomUUID ?? randomUUID)()}`,
    version: 1,
    metadata: defined<CdxBom['metadata']>({
      timestamp: result.createdAt,
      tools: {
        components: [
          {
            'bom-ref': alloc(`tool:bulwark@${result.tool.version}`),
            type: 'application' as const,
            name: result.tool.name,
            version: result.tool.version,
          },
        ],
      },
      component: rootComponent(result, rootRef),
      properties: props(metaProps),
    }),
    components,
    dependencies,
    ...(vulnerabilities ? { vulnerabilities } : {}),
  };
}

/** `--format cyclonedx`: CycloneDX 1.6 JSON (see toCycloneDx), pretty-printed, newline-terminated. */
export function encodeCycloneDx(result: ScanResult, opts?: EncodeOptions): string {
  return `${JSON.stringify(toCycloneDx(result, opts), null, 2)}\n`;
}
