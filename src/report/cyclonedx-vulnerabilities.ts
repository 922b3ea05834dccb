import type { Finding, FindingCvss, Severity } from '../core/finding.ts';
import { advisorySource, isWebUrl } from './advisory-source.ts';
import { sortFindings } from './finding-order.ts';
import { remediation } from './remediation.ts';
import {
  asCdxJustification,
  asCdxState,
  type CdxJustification,
  type CdxState,
  parseReason,
} from './vex-justification.ts';

export interface CdxSource {
  name?: string;
  url?: string;
}

export interface CdxRating {
  source?: CdxSource;
  score?: number;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none' | 'unknown';
  method: 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other';
  vector?: string;
}

export interface CdxAnalysis {
  state?: CdxState;
  justification?: CdxJustification;
  detail: string;
}

/** The parts of a CycloneDX 1.6 vulnerability we emit. */
export interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source?: CdxSource;
  references?: { id: string; source: CdxSource }[];
  ratings?: CdxRating[];
  description?: string;
  detail?: string;
  recommendation?: string;
  advisories?: { url: string }[];
  published?: string;
  analysis?: CdxAnalysis;
  affects?: { ref: string; versions?: { version: string; status: 'affected' | 'unaffected' }[] }[];
  properties?: { name: string; value: string }[];
}

const METHOD: Readonly<Record<FindingCvss['version'], CdxRating['method']>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

const SEVERITY: Readonly<Record<Severity, CdxRating['severity']>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  NEGLIGIBLE: 'info',
  UNKNOWN: 'unknown',
};

/** The qualitative rating of a score on its own CVSS version's scale (v2 has no none or critical). */
function cvssSeverity(c: FindingCvss): CdxRating['severity'] {
  const s = c.baseScore;
  if (c.version === '2.0') return s < 4 ? 'low' : s < 7 ? 'medium' : 'high';
  if (s === 0) return 'none';
  return s < 4 ? 'low' : s < 7 ? 'medium' : s < 9 ? 'high' : 'critical';
}

/** A feed's name for an advisory id of the finding, from the match details. */
const feedOf = (f: Finding, id: string) =>
  f.details.find((d) => d.advisoryId === id)?.source ?? (id === f.id ? f.details[0]?.source : undefined);

function sourceOf(f: Finding, id: string): CdxSource | undefined {
  const known = advisorySource(id);
  if (known) return { ...known };
  const feed = feedOf(f, id);
  return feed ? { name: feed } : undefined;
}

/** Who published a CVSS vector: `nvd`, `cve5` (the CVE record) or an advisory id. */
function ratingSource(f: Finding, source: string): CdxSource {
  const isCve = f.id.startsWith('CVE-');
  if (source === 'nvd') return isCve ? { ...advisorySource(f.id) } : { name: 'NVD' };
  if (source === 'cve5')
    return isCve ? { name: 'CVE', url: `https://www.cve.org/CVERecord?id=${f.id}` } : { name: 'CVE' };
  return sourceOf(f, source) ?? { name: source };
}

function ratings(f: Finding): CdxRating[] {
  const out: CdxRating[] = f.cvss.map((c) => ({
    source: ratingSource(f, c.source),
    score: c.baseScore,
    severity: cvssSeverity(c),
    method: METHOD[c.version],
    vector: c.vector,
  }));
  if (f.severitySource.startsWith('vendor:')) {
    // A distribution's own rating (Debian "unimportant", a vendor "Important"), not a CVSS score.
    const advisory = f.severitySource.slice('vendor:'.length);
    out.push({
      source: { name: feedOf(f, advisory) ?? advisory },
      severity: SEVERITY[f.severity],
      method: 'other',
    });
  }
  return out;
}

function analysis(f: Finding): CdxAnalysis | undefined {
  const s = f.suppressed;
  if (!s) return undefined;
  const detail = `${s.kind === 'vex' ? 'VEX' : 'Ignore rule'} ${s.status}: ${s.reason} (${s.source})`;
  // An ignore rule is the user's choice, not an analysis: no state, only the reason.
  if (s.kind === 'ignore') return { detail };
  const state = asCdxState(s.status);
  const justification =
    state === 'not_affected' ? asCdxJustification(parseReason(s.reason).label) : undefined;
  return {
    ...(state ? { state } : {}),
    ...(justification ? { justification } : {}),
    detail,
  };
}

/** Suppressed by a VEX statement that the package is not affected (or no longer is). */
function unaffected(f: Finding): boolean {
  const state = f.suppressed?.kind === 'vex' ? asCdxState(f.suppressed.status) : undefined;
  return state !== undefined && state !== 'exploitable' && state !== 'in_triage';
}

/** CycloneDX `published` is a date-time; feeds sometimes give a date only. */
function dateTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : undefined;
}

const unique = <T>(items: readonly T[], key: (t: T) => string = String) => {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};
const nonEmpty = <T>(items: T[]) => (items.length ? items : undefined);

function properties(findings: readonly Finding[]): CdxVulnerability['properties'] {
  const f = findings[0]!;
  const out: [string, string][] = [];
  const kev = findings.find((x) => x.kev)?.kev;
  if (kev) {
    out.push(['bulwark:kev:dateAdded', kev.dateAdded]);
    if (kev.dueDate) out.push(['bulwark:kev:dueDate', kev.dueDate]);
    if (kev.knownRansomwareCampaignUse)
      out.push(['bulwark:kev:knownRansomwareCampaignUse', kev.knownRansomwareCampaignUse]);
  }
  const epss = findings.find((x) => x.epss)?.epss;
  if (epss) {
    out.push(
      ['bulwark:epss:score', String(epss.score)],
      ['bulwark:epss:percentile', String(epss.percentile)],
    );
  }
  out.push(
    ['bulwark:severity', f.severity],
    ['bulwark:risk', String(Math.max(...findings.map((x) => x.risk)))],
  );
  if (f.suppressed) out.push(['bulwark:suppressed', f.suppressed.kind]);
  return out.map(([name, value]) => ({ name, value }));
}

/**
 * The findings as CycloneDX 1.6 `vulnerabilities`: one entry per vulnerability id (and analysis:
 * a suppressed finding never shares an entry with an unsuppressed one), which `affects` every
 * component it was found in. `refOf` gives a finding's component bom-ref; a finding whose package
 * has none is listed without that `affects` entry. Order: as the findings sort.
 */
export function cdxVulnerabilities(
  findings: readonly Finding[],
  refOf: (f: Finding) => string | undefined,
  alloc: (candidate: string) => string,
): CdxVulnerability[] {
  const groups = new Map<string, Finding[]>();
  for (const f of sortFindings(findings)) {
    const key = `${f.id}\u0000${JSON.stringify(analysis(f) ?? null)}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].map((group) => {
    const f = group[0]!;
    const status: 'affected' | 'unaffected' = unaffected(f) ? 'unaffected' : 'affected';
    const affects = unique(
      group.flatMap((x) => {
        const ref = refOf(x);
        return ref ? [{ ref, version: x.package.version }] : [];
      }),
      (a) => a.ref,
    ).map(({ ref, version }) => (version ? { ref, versions: [{ version, status }] } : { ref }));
    const recommendations = unique(group.filter((x) => x.fixedVersions.length).map(remediation));
    const found = analysis(f);
    const text = f.title ?? f.description;
    const vuln: { [K in keyof CdxVulnerability]-?: CdxVulnerability[K] | undefined } = {
      'bom-ref': alloc(`vulnerability:${f.id}`),
      id: f.id,
      source: sourceOf(f, f.id),
      references: nonEmpty(unique(f.aliases).map((a) => ({ id: a, source: sourceOf(f, a) ?? {} }))),
      ratings: nonEmpty(unique(group.flatMap(ratings), (r) => JSON.stringify(r))),
      description: text,
      detail: f.title && f.description ? f.description : undefined,
      recommendation: recommendations.length ? recommendations.join('; ') : undefined,
      advisories: nonEmpty(
        unique(group.flatMap((x) => x.references).filter(isWebUrl)).map((url) => ({ url })),
      ),
      published: dateTime(f.published),
      analysis: found,
      affects: nonEmpty(affects),
      properties: properties(group),
    };
    // Keys in this order, optional ones absent rather than undefined.
    return Object.fromEntries(
      Object.entries(vuln).filter(([, v]) => v !== undefined),
    ) as unknown as CdxVulnerability;
  });
}
