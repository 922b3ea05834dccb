import type { JarManifest } from './parse-manifest.ts';
import type { PomProperties } from './parse-pom-properties.ts';
import { stripDirectives } from './select-name.ts';

/** The parts of a pom.xml that can name a group. */
export interface PomGroupHints {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly parent?: { readonly groupId?: string; readonly artifactId?: string };
}

/**
 * Artifacts whose group cannot be read from their jars (no pom.properties, no dotted manifest
 * fields). A short excerpt of the table Syft keeps for CPE and purl generation; extend it when a
 * real jar needs it.
 */
const KNOWN_GROUPS: Readonly<Record<string, string>> = {
  'ant-antlr': 'org.apache.ant',
  ant: 'org.apache.ant',
  'ant-launcher': 'org.apache.ant',
  'spring-ldap': 'org.springframework.ldap',
  'spring-ldap-core': 'org.springframework.ldap',
  'jackson-mapper-asl': 'org.codehaus.jackson',
  'jackson-core-asl': 'org.codehaus.jackson',
  spring: 'org.springframework',
  'spring-beans': 'org.springframework',
  'spring-core': 'org.springframework',
  'spring-boot': 'org.springframework.boot',
};

const PRIMARY_FIELDS = [
  'Group-Id',
  'Bundle-SymbolicName',
  'Extension-Name',
  'Specification-Vendor',
  'Implementation-Vendor',
  'Implementation-Vendor-Id',
  'Implementation-Title',
  'Bundle-Activator',
];
const SECONDARY_FIELDS = ['Automatic-Module-Name', 'Main-Class', 'Package'];
const TOP_LEVEL = /^(com|org|net|io|be)/;

/**
 * The Maven group of an artifact, in Syft's order: pom.properties groupId (or a dotted artifactId
 * put there by mistake), the pom.xml's group or its parent's, a known-artifact table, then the
 * first (sorted) manifest value that starts like a reversed domain, primary fields before
 * secondary ones. '' when nothing fits.
 */
export function guessGroupId(
  artifactId: string,
  x: { pomProperties?: PomProperties; pomProject?: PomGroupHints; manifest?: JarManifest },
): string {
  const props = x.pomProperties;
  if (props?.groupId) return clean(props.groupId);
  if (props?.artifactId.includes('.')) return clean(props.artifactId);
  const pom = x.pomProject;
  if (pom?.groupId) return clean(pom.groupId);
  if (pom?.artifactId?.includes('.')) return clean(pom.artifactId);
  if (pom?.parent?.groupId) return clean(pom.parent.groupId);
  if (pom?.parent?.artifactId?.includes('.')) return clean(pom.parent.artifactId);
  const known = KNOWN_GROUPS[artifactId];
  if (known) return known;
  if (!x.manifest) return '';
  return fromManifest(x.manifest, PRIMARY_FIELDS)[0] ?? fromManifest(x.manifest, SECONDARY_FIELDS)[0] ?? '';
}

function fromManifest(m: JarManifest, fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const field of fields) {
    for (const section of [m.main, ...m.sections]) {
      const v = section[field];
      if (v && TOP_LEVEL.test(v)) out.push(clean(v));
    }
  }
  return out.sort();
}

function clean(groupId: string): string {
  return stripDirectives(groupId).split('#')[0]!.trim();
}
