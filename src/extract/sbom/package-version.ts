import type { PackageURL } from 'packageurl-js';
import { qualifier } from './parse-purl.ts';

/**
 * The package version as our extractors write it: the SBOM's version, else the purl's. An rpm's
 * epoch, which purls carry in the `epoch` qualifier, is put in front (`4:1.1.11-1.el9`) as the rpm
 * extractor does; an epoch of 0 is left out (rpm compares a missing epoch as 0).
 */
export function packageVersion(sbomVersion: string | undefined, purl: PackageURL | undefined): string {
  const version = sbomVersion?.trim() || purl?.version?.trim() || '';
  if (purl?.type.toLowerCase() !== 'rpm' || version === '') return version;
  const epoch = qualifier(purl, 'epoch');
  const evr = !version.includes(':') && epoch && /^\d+$/.test(epoch) ? `${epoch}:${version}` : version;
  return evr.replace(/^0+:/, '');
}
