import type { OsInfo } from '../../core/os-info.ts';
import { distroId } from './distro-os.ts';
import type { SbomElement } from './sbom-document.ts';
import { property } from './sbom-properties.ts';

/**
 * The OS an operating-system element describes: our `bulwark:os:*` properties or Syft's
 * `syft:distro:*` when present, else its name (lowercased; Trivy's family names mapped to
 * os-release IDs) and version. `source` says where it came from when the SBOM does not.
 */
export function sbomOs(el: SbomElement, source: string): OsInfo {
  const p = el.properties;
  const versionId = property(p, 'bulwark:os:versionId', 'syft:distro:versionID') ?? el.version?.trim();
  const codename = property(p, 'bulwark:os:versionCodename', 'syft:distro:versionCodename');
  const prettyName = property(p, 'syft:distro:prettyName') ?? el.description?.trim();
  const idLike = property(p, 'bulwark:os:idLike', 'syft:distro:idLike')
    ?.split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(distroId);
  return {
    id: distroId(property(p, 'bulwark:os:id', 'syft:distro:id') ?? el.name),
    ...(versionId ? { versionId } : {}),
    ...(codename ? { versionCodename: codename } : {}),
    ...(prettyName ? { prettyName } : {}),
    ...(idLike?.length ? { idLike } : {}),
    ...(property(p, 'bulwark:os:distroless') === 'true' ? { distroless: true } : {}),
    source: property(p, 'bulwark:os:source') ?? source,
  };
}
