import type { Finding } from '../core/finding.ts';

/**
 * What to do about a finding, in one sentence: `Upgrade log4j-core to 2.15.0`, or why there is
 * nothing to upgrade to. Used as CycloneDX `recommendation`, OpenVEX `action_statement` and in
 * SARIF messages, so all formats say the same.
 */
export function remediation(f: Finding): string {
  if (f.fixedVersions.length) return `Upgrade ${f.package.name} to ${f.fixedVersions.join(' or ')}`;
  if (f.fixState === 'wont-fix') return 'No fix available: the vendor will not fix it';
  return 'No fix available';
}
