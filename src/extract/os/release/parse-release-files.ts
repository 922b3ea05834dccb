import type { OsInfo } from '../../../core/os-info.ts';
import { parseOsRelease } from './parse-os-release.ts';

/** What one release file says about the OS; `source` is added by the caller. */
export type OsFields = Omit<OsInfo, 'source'>;

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

/** os-release(5): needs ID; Google distroless says `PRETTY_NAME="Distroless"`. */
export function osFromOsRelease(text: string): OsFields | undefined {
  const vars = parseOsRelease(text);
  const id = vars.get('ID')?.toLowerCase();
  if (!id) return undefined;
  const idLike = (vars.get('ID_LIKE') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const distroless = /\bdistroless\b/i.test(`${vars.get('PRETTY_NAME') ?? ''} ${vars.get('NAME') ?? ''}`);
  return {
    id,
    ...optional('versionId', vars.get('VERSION_ID')),
    ...optional('versionCodename', vars.get('VERSION_CODENAME') || vars.get('UBUNTU_CODENAME')),
    ...optional('prettyName', vars.get('PRETTY_NAME')),
    ...(idLike.length > 0 ? { idLike } : {}),
    ...(distroless ? { distroless } : {}),
  };
}

/** /etc/lsb-release (Ubuntu and derivatives): DISTRIB_ID, DISTRIB_RELEASE, DISTRIB_CODENAME. */
export function osFromLsbRelease(text: string): OsFields | undefined {
  const vars = parseOsRelease(text);
  const id = vars.get('DISTRIB_ID')?.toLowerCase().replace(/\s+/g, '-');
  if (!id) return undefined;
  return {
    id,
    ...optional('versionId', vars.get('DISTRIB_RELEASE')),
    ...optional('versionCodename', vars.get('DISTRIB_CODENAME')),
    ...optional('prettyName', vars.get('DISTRIB_DESCRIPTION')),
  };
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
}

/** /etc/alpine-release: `3.18.4` (edge: `3.19_alpha20230901`). */
export function osFromAlpineRelease(text: string): OsFields | undefined {
  const line = firstLine(text);
  return /^\d+(\.\d+)*[\w.+~-]*$/.test(line) ? { id: 'alpine', versionId: line } : undefined;
}

/** /etc/debian_version: a point release (`12.4`) or, on testing/unstable and Ubuntu, `bookworm/sid`. */
export function osFromDebianVersion(text: string): OsFields | undefined {
  const line = firstLine(text);
  if (/^\d+(\.\d+)*$/.test(line)) return { id: 'debian', versionId: line };
  const m = /^([a-z]+)(\/sid)?$/.exec(line);
  if (!m) return undefined;
  return { id: 'debian', versionCodename: m[1]!, prettyName: `Debian GNU/Linux ${line}` };
}

/** Distribution names in redhat-release style files → os-release IDs. Checked in order, by prefix. */
const REDHAT_NAMES: readonly (readonly [string, string])[] = [
  ['red hat enterprise linux', 'rhel'],
  ['centos', 'centos'],
  ['almalinux', 'almalinux'],
  ['rocky linux', 'rocky'],
  ['oracle linux', 'ol'],
  ['amazon linux', 'amzn'],
  ['scientific linux', 'scientific'],
  ['fedora', 'fedora'],
  ['cloudlinux', 'cloudlinux'],
  ['eurolinux', 'eurolinux'],
];

/**
 * /etc/redhat-release, centos-release, system-release: `CentOS Linux release 7.6.1810 (Core)`,
 * `Red Hat Enterprise Linux Server release 7.3 (Maipo)`, `Amazon Linux AMI release 2018.03`.
 */
export function osFromRedhatRelease(text: string): OsFields | undefined {
  const line = firstLine(text);
  const m = /^(.*?)\s+release\s+(\d+(?:\.\d+)*)/i.exec(line);
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  const id = REDHAT_NAMES.find(([prefix]) => name.startsWith(prefix))?.[1] ?? name.split(/\s+/)[0]!;
  return { id, versionId: m[2]!, prettyName: line };
}

const CPE_VENDORS: Readonly<Record<string, string>> = {
  redhat: 'rhel',
  amazon: 'amzn',
  oracle: 'ol',
  fedoraproject: 'fedora',
};

/** /etc/system-release-cpe: `cpe:/o:centos:linux:6:GA` (CentOS 6, Amazon Linux 1). */
export function osFromSystemReleaseCpe(text: string): OsFields | undefined {
  const m = /cpe:\/o:([^:\s]+):[^:\s]+:([^:\s]+)/.exec(firstLine(text));
  if (!m) return undefined;
  const vendor = m[1]!.toLowerCase();
  return { id: CPE_VENDORS[vendor] ?? vendor, versionId: m[2]! };
}
