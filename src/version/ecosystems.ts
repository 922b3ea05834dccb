import { apkVersion } from './apk.ts';
import { composerVersion } from './composer.ts';
import { debVersion } from './deb.ts';
import { gemVersion } from './gem.ts';
import { goVersion } from './go.ts';
import { mavenVersion } from './maven.ts';
import { nugetVersion } from './nuget.ts';
import { pep440Version } from './pep440.ts';
import { pubVersion } from './pub.ts';
import { rpmVersion } from './rpm.ts';
import { semverVersion } from './semver.ts';
import type { VersionScheme } from './version-scheme.ts';

/**
 * OSV ecosystem (without its `:release` suffix) → version scheme. Explicit on purpose; an
 * ecosystem missing here has no ordering we trust, and callers must say so rather than guess.
 */
const BY_ECOSYSTEM: ReadonlyMap<string, VersionScheme<unknown>> = new Map<string, VersionScheme<unknown>>([
  ['Debian', debVersion],
  ['Ubuntu', debVersion],
  ['Alpine', apkVersion],
  ['Wolfi', apkVersion],
  ['Chainguard', apkVersion],
  ['AlmaLinux', rpmVersion],
  ['Rocky Linux', rpmVersion],
  ['Red Hat', rpmVersion],
  ['openSUSE', rpmVersion],
  ['SUSE', rpmVersion],
  ['Mageia', rpmVersion],
  ['openEuler', rpmVersion],
  ['Photon OS', rpmVersion],
  ['Azure Linux', rpmVersion],
  ['npm', semverVersion],
  ['crates.io', semverVersion],
  ['Hex', semverVersion],
  ['Pub', pubVersion],
  ['Go', goVersion],
  ['Maven', mavenVersion],
  ['PyPI', pep440Version],
  ['RubyGems', gemVersion],
  ['NuGet', nugetVersion],
  ['Packagist', composerVersion],
] as [string, VersionScheme<unknown>][]);

/** The scheme for an OSV ecosystem such as `Debian:12`, `Alpine:v3.18`, `PyPI`; undefined when unknown. */
export function schemeForEcosystem(ecosystem: string): VersionScheme<unknown> | undefined {
  const base = ecosystem.split(':')[0]!.trim();
  return (
    BY_ECOSYSTEM.get(base) ?? [...BY_ECOSYSTEM].find(([k]) => k.toLowerCase() === base.toLowerCase())?.[1]
  );
}

export function knownEcosystems(): string[] {
  return [...BY_ECOSYSTEM.keys()];
}
