import { severityRank } from '../../core/finding.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import type { AdmissionViolation } from './admission-violation.ts';
import type { ImageFindingSummary, ImageVulnState } from './image-vuln-state.ts';

/** Stable ids of the webhook's own checks (images, and objects too large to check). */
export const ADMISSION_RULES = {
  kev: { id: 'BW-ADM-001', title: 'Image has known exploited vulnerabilities (CISA KEV)' },
  fixable: { id: 'BW-ADM-002', title: 'Image has fixable vulnerabilities at or above the policy severity' },
  unscanned: { id: 'BW-ADM-003', title: 'Image has no saved vulnerability scan' },
  tooLarge: { id: 'BW-ADM-004', title: 'Object too large to check' },
} as const;

/** Findings named in one message; the rest are counted. */
const NAMED = 2;

function label(f: ImageFindingSummary): string {
  return `${f.id} in ${f.packageName} ${f.packageVersion}`;
}

function upgrades(findings: readonly ImageFindingSummary[]): string {
  const steps = new Set<string>();
  for (const f of findings) {
    const to = f.fixedVersions[0];
    steps.add(
      to === undefined
        ? `replace ${f.packageName} (no fixed version yet)`
        : `upgrade ${f.packageName} to ${to}`,
    );
  }
  const list = [...steps];
  const shown = list.slice(0, NAMED).join(', ');
  return `${shown}${list.length > NAMED ? ` (+${list.length - NAMED} more)` : ''}, then rebuild and rescan the image`;
}

function named(findings: readonly ImageFindingSummary[]): string {
  const shown = findings.slice(0, NAMED).map(label).join(', ');
  return findings.length > NAMED ? `${shown} (+${findings.length - NAMED} more)` : shown;
}

/** Highest severity first, KEV first, then by id: the first named is the worst. */
function worstFirst(a: ImageFindingSummary, b: ImageFindingSummary): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(b.kev) - Number(a.kev) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The violations of one image under `policy`, from its state in the store. */
export function imageViolations(
  image: string,
  state: ImageVulnState,
  policy: AdmissionPolicy,
): AdmissionViolation[] {
  if (!state.scanned) {
    if (policy.unscanned === 'allow') return [];
    return [
      {
        ruleId: ADMISSION_RULES.unscanned.id,
        title: ADMISSION_RULES.unscanned.title,
        severity: 'UNKNOWN',
        message: `image ${image}: ${state.reason}`,
        remediation: `scan it with "bulwark image ${image} --save" before deploying`,
        action: policy.unscanned,
        image,
      },
    ];
  }
  const out: AdmissionViolation[] = [];
  const sorted = [...state.findings].sort(worstFirst);
  const kev = policy.denyKev ? sorted.filter((f) => f.kev) : [];
  if (kev.length > 0) {
    out.push({
      ruleId: ADMISSION_RULES.kev.id,
      title: ADMISSION_RULES.kev.title,
      severity: kev[0]!.severity,
      message: `image ${image}: ${kev.length} known exploited: ${named(kev)}`,
      remediation: upgrades(kev),
      action: 'deny',
      image,
    });
  }
  const min = policy.fixableSeverity;
  if (min !== undefined) {
    // A KEV finding already reported above is not reported twice.
    const fixable = sorted.filter(
      (f) => f.fixed && severityRank(f.severity) >= severityRank(min) && !(policy.denyKev && f.kev),
    );
    if (fixable.length > 0) {
      out.push({
        ruleId: ADMISSION_RULES.fixable.id,
        title: ADMISSION_RULES.fixable.title,
        severity: fixable[0]!.severity,
        message: `image ${image}: ${fixable.length} ${min}+ with a fix: ${named(fixable)}`,
        remediation: upgrades(fixable),
        action: 'deny',
        image,
      });
    }
  }
  return out;
}
