import { PackageURL } from 'packageurl-js';

/** Maven coordinates as found (any part may be '' when unknown). */
export interface MavenCoordinates {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/**
 * `pkg:maven/<group>/<artifact>@<version>`. Without a group, the artifact id stands in for it, as
 * Syft writes it (`pkg:maven/guava/guava@r06`): matchers key on the name either way. The version
 * is left out when unknown or unresolved.
 */
export function mavenPurl(c: MavenCoordinates, opts: { versionKnown?: boolean } = {}): string {
  const version = opts.versionKnown === false || c.version === '' ? undefined : c.version;
  return new PackageURL(
    'maven',
    c.groupId || c.artifactId,
    c.artifactId,
    version,
    undefined,
    undefined,
  ).toString();
}

/** `maven:<group>:<artifact>@<version>`, plus `:<discriminator>` when the same GAV can recur in one file. */
export function mavenId(c: MavenCoordinates, discriminator?: string): string {
  return `maven:${c.groupId}:${c.artifactId}@${c.version}${discriminator ? `:${discriminator}` : ''}`;
}
