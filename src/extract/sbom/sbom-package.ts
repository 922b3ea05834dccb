import type { ImageLayerInfo } from '../../core/image-info.ts';
import type { LayerRef } from '../../core/layer-ref.ts';
import type { Location } from '../../core/location.ts';
import type { OsInfo } from '../../core/os-info.ts';
import type { Package } from '../../core/package.ts';
import { ecosystemFromPurl } from './ecosystem-from-purl.ts';
import { packageName } from './package-name.ts';
import { packageSource } from './package-source.ts';
import { packageVersion } from './package-version.ts';
import { parsePurl, qualifier } from './parse-purl.ts';
import type { SbomElement, SbomProperties } from './sbom-document.ts';
import { packageLicenses } from './sbom-licenses.ts';
import { property } from './sbom-properties.ts';

export interface PackageContext {
  /** The SBOM's operating system: the ecosystem of OS packages whose purl names no release. */
  readonly os: OsInfo | undefined;
  /** The image's layers, to find a layer's index from the diffId an SBOM gives. */
  readonly layers: readonly ImageLayerInfo[];
  /** `foundBy` of packages the SBOM does not say more about: `sbom/cyclonedx`, `sbom/spdx`. */
  readonly foundBy: string;
}

function layerRef(
  layers: readonly ImageLayerInfo[],
  index: number | undefined,
  diffId: string | undefined,
): LayerRef | undefined {
  const layer = layers.find((l) => (index === undefined ? l.diffId === diffId : l.index === index));
  const i = index ?? layer?.index;
  if (i === undefined) return undefined;
  const d = diffId ?? layer?.diffId;
  return { index: i, ...(d ? { diffId: d } : {}), ...(layer?.digest ? { digest: layer.digest } : {}) };
}

function location(path: string, layer: LayerRef | undefined): Location {
  const p = path.replace(/^\/+/, '');
  return layer ? { path: p, layer } : { path: p };
}

/** Property prefixes of numbered locations (`<prefix><n>:path`), ours first, and their path keys. */
const LOCATION_KEYS: readonly (readonly [string, RegExp])[] = [
  ['bulwark:location:', /^bulwark:location:(\d+):path$/],
  ['syft:location:', /^syft:location:(\d+):path$/],
];

/** Where the package was found: ours (`bulwark:location:<n>:*`), Syft's, or Trivy's FilePath. */
function locations(props: SbomProperties, layers: readonly ImageLayerInfo[]): Location[] {
  for (const [prefix, pathKey] of LOCATION_KEYS) {
    const indexes = [...props.keys()]
      .map((k) => pathKey.exec(k)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    if (indexes.length === 0) continue;
    return indexes.map((n) => {
      const at = (key: string) => property(props, `${prefix}${n}:${key}`);
      const layerIndex = at('layerIndex');
      const layer = layerRef(
        layers,
        layerIndex !== undefined && /^\d+$/.test(layerIndex) ? Number(layerIndex) : undefined,
        at('layerDiffId') ?? at('layerID'),
      );
      return location(at('path')!, layer);
    });
  }
  const path = property(props, 'aquasecurity:trivy:FilePath');
  if (!path) return [];
  const diffId = property(props, 'aquasecurity:trivy:LayerDiffID');
  return [location(path, diffId ? layerRef(layers, undefined, diffId) : undefined)];
}

/**
 * A Package for one SBOM element. Elements we wrote (they carry `bulwark:package:type`) keep the
 * type, ecosystem, source, arch and foundBy recorded in their properties. For the others the purl
 * decides: type = purl type (`generic` without a purl), ecosystem from ecosystemFromPurl, name and
 * version as our extractors would write them (packageName, packageVersion), source from
 * packageSource. `warn` is told about a purl that does not parse; the text is kept as the purl.
 */
export function sbomPackage(
  el: SbomElement,
  id: string,
  ctx: PackageContext,
  warn: (message: string) => void,
): Package {
  const props = el.properties;
  const ours = props.has('bulwark:package:type');
  const purl = parsePurl(el.purl);
  if (el.purl && !purl) warn(`${el.ref}: "${el.purl}" is not a valid purl; the package gets no ecosystem`);
  const type = (ours ? property(props, 'bulwark:package:type') : purl?.type.toLowerCase()) ?? 'generic';
  const name = ours ? el.name : packageName(el.name, purl);
  const version = ours ? (el.version ?? '') : packageVersion(el.version, purl);
  const ecosystem = ours
    ? property(props, 'bulwark:package:ecosystem')
    : purl && ecosystemFromPurl(purl, ctx.os);
  const arch = property(props, 'bulwark:package:arch') ?? (purl && qualifier(purl, 'arch'));
  const source = packageSource({ type, name, version, purl, properties: props, ours });
  return {
    id,
    name,
    version,
    type,
    ...(ecosystem ? { ecosystem } : {}),
    purl: el.purl?.trim() ?? '',
    ...(arch ? { arch } : {}),
    ...(source ? { source } : {}),
    licenses: packageLicenses(el.licenses),
    ...(el.supplier ? { maintainer: el.supplier } : {}),
    locations: locations(props, ctx.layers),
    ...(el.hashes.length ? { hashes: el.hashes } : {}),
    foundBy: property(props, 'bulwark:package:foundBy') ?? ctx.foundBy,
  };
}
