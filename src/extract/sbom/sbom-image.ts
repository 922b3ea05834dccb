import type { ImageInfo, ImageLayerInfo } from '../../core/image-info.ts';
import { parsePurl, qualifier } from './parse-purl.ts';
import type { SbomElement } from './sbom-document.ts';
import { properties, property } from './sbom-properties.ts';

const DIGEST = /^sha(256|384|512):[0-9a-f]{32,}$/;

/** `bulwark:image:layer:<n>:diffId` / `:digest` properties as layers, by index. */
function bulwarkLayers(el: SbomElement): ImageLayerInfo[] {
  const byIndex = new Map<number, { index: number; diffId?: string; digest?: string }>();
  for (const [name, values] of el.properties) {
    const m = /^bulwark:image:layer:(\d+):(diffId|digest)$/.exec(name);
    const value = values[0]?.trim();
    if (!m || !value) continue;
    const index = Number(m[1]);
    const layer = byIndex.get(index) ?? { index };
    layer[m[2] as 'diffId' | 'digest'] = value;
    byIndex.set(index, layer);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

function labels(el: SbomElement): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, values] of el.properties) {
    if (name.startsWith('bulwark:image:label:') && values[0] !== undefined) {
      out[name.slice('bulwark:image:label:'.length)] = values[0];
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** The first list that has entries: sources in order of preference, never merged (they spell the same thing differently). */
function firstFound(...lists: string[][]): string[] {
  return lists.find((l) => l.length > 0) ?? [];
}

/** `[registry/]repo` with a tag or a digest already in it. */
function hasTagOrDigest(name: string): boolean {
  return name.includes('@') || name.lastIndexOf(':') > name.lastIndexOf('/');
}

/**
 * What an SBOM says about the container image it describes, from our `bulwark:image:*`
 * properties, Trivy's (ImageID, RepoTag, RepoDigest, DiffID) and the `pkg:oci` purl (digest,
 * arch, repository_url, tag). The SBOM may not say everything ImageInfo holds: an unknown config
 * digest or platform part is '' and unknown lists are empty.
 */
export function sbomImage(el: SbomElement): ImageInfo {
  const trivy = (key: string) => `aquasecurity:trivy:${key}`;
  const purl = parsePurl(el.purl);
  const oci = purl?.type === 'oci' ? purl : undefined;
  const repository = oci && qualifier(oci, 'repository_url');
  const ociDigest = oci?.version && DIGEST.test(oci.version) ? oci.version : undefined;
  const tag = oci && qualifier(oci, 'tag');

  const manifestDigest = property(el.properties, 'bulwark:image:manifestDigest') ?? ociDigest;
  const platform = property(el.properties, 'bulwark:image:platform')?.split('/');
  const architecture = platform?.[1] ?? (oci && qualifier(oci, 'arch')) ?? '';
  const trivyDiffIds = properties(el.properties, trivy('DiffID'));
  const layers = bulwarkLayers(el);
  const version = el.version?.trim();
  const reference =
    version && !DIGEST.test(version) && !hasTagOrDigest(el.name) ? `${el.name}:${version}` : el.name;
  const mediaType = property(el.properties, 'bulwark:image:mediaType');
  const created = property(el.properties, 'bulwark:image:created');
  const imageLabels = labels(el);
  return {
    reference,
    ...(manifestDigest ? { manifestDigest } : {}),
    configDigest: property(el.properties, 'bulwark:image:configDigest', trivy('ImageID')) ?? '',
    ...(mediaType ? { mediaType } : {}),
    platform: {
      os: platform?.[0] ?? '',
      architecture,
      ...(platform?.[2] ? { variant: platform[2] } : {}),
    },
    repoTags: firstFound(
      properties(el.properties, 'bulwark:image:repoTag'),
      properties(el.properties, trivy('RepoTag')),
      repository && tag ? [`${repository}:${tag}`] : [],
    ),
    repoDigests: firstFound(
      properties(el.properties, 'bulwark:image:repoDigest'),
      properties(el.properties, trivy('RepoDigest')),
      repository && ociDigest ? [`${repository}@${ociDigest}`] : [],
    ),
    layers: layers.length ? layers : trivyDiffIds.map((diffId, index) => ({ index, diffId })),
    config: imageLabels ? { Labels: imageLabels } : {},
    ...(created ? { created } : {}),
  };
}
