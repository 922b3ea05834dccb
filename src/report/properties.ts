import type { ImageInfo } from '../core/image-info.ts';
import type { OsInfo } from '../core/os-info.ts';
import type { Package } from '../core/package.ts';

/**
 * A namespaced name/value pair (`bulwark:package:sourceName`): CycloneDX properties and SPDX
 * annotations carry the same ones, so both formats keep what has no field of its own.
 */
export type Property = readonly [name: string, value: string];

export function packageProperties(pkg: Package): Property[] {
  const out: Property[] = [
    ['bulwark:package:id', pkg.id],
    ['bulwark:package:type', pkg.type],
  ];
  if (pkg.ecosystem) out.push(['bulwark:package:ecosystem', pkg.ecosystem]);
  if (pkg.arch) out.push(['bulwark:package:arch', pkg.arch]);
  if (pkg.source) {
    out.push(['bulwark:package:sourceName', pkg.source.name]);
    if (pkg.source.version) out.push(['bulwark:package:sourceVersion', pkg.source.version]);
  }
  out.push(['bulwark:package:foundBy', pkg.foundBy]);
  pkg.locations.forEach((loc, i) => {
    out.push([`bulwark:location:${i}:path`, loc.path]);
    if (loc.layer) {
      out.push([`bulwark:location:${i}:layerIndex`, String(loc.layer.index)]);
      if (loc.layer.diffId) out.push([`bulwark:location:${i}:layerDiffId`, loc.layer.diffId]);
    }
  });
  return out;
}

export function imageProperties(image: ImageInfo): Property[] {
  const out: Property[] = [];
  if (image.manifestDigest) out.push(['bulwark:image:manifestDigest', image.manifestDigest]);
  out.push(['bulwark:image:configDigest', image.configDigest]);
  if (image.mediaType) out.push(['bulwark:image:mediaType', image.mediaType]);
  const { os, architecture, variant } = image.platform;
  out.push(['bulwark:image:platform', [os, architecture, variant].filter(Boolean).join('/')]);
  if (image.created) out.push(['bulwark:image:created', image.created]);
  for (const tag of image.repoTags) out.push(['bulwark:image:repoTag', tag]);
  for (const digest of image.repoDigests) out.push(['bulwark:image:repoDigest', digest]);
  for (const layer of image.layers) {
    if (layer.diffId) out.push([`bulwark:image:layer:${layer.index}:diffId`, layer.diffId]);
    if (layer.digest) out.push([`bulwark:image:layer:${layer.index}:digest`, layer.digest]);
  }
  const labels = image.config.Labels;
  if (labels && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (typeof v === 'string') out.push([`bulwark:image:label:${k}`, v]);
    }
  }
  return out;
}

export function osProperties(os: OsInfo): Property[] {
  const out: Property[] = [['bulwark:os:id', os.id]];
  if (os.versionId) out.push(['bulwark:os:versionId', os.versionId]);
  if (os.versionCodename) out.push(['bulwark:os:versionCodename', os.versionCodename]);
  if (os.idLike?.length) out.push(['bulwark:os:idLike', os.idLike.join(' ')]);
  if (os.distroless) out.push(['bulwark:os:distroless', 'true']);
  out.push(['bulwark:os:source', os.source]);
  return out;
}
