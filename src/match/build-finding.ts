import type { AdvisorySummary } from '../core/advisory-lookup.ts';
import type { EpssEntry, Finding, FindingCvss, KevEntry, MatchDetail } from '../core/finding.ts';
import type { Package } from '../core/package.ts';
import type { AdvisoryFacts } from './advisory-facts.ts';
import { chooseSeverity, type RatedBy } from './choose-severity.ts';
import type { RangeMatch } from './evaluate-rows.ts';
import { dedupeCvss } from './finding-cvss.ts';
import { relatedSeverity } from './related-severity.ts';
import { riskScore } from './risk-score.ts';
import type { SchemeCache } from './scheme-cache.ts';
import { displayId, type IdentityGroup, isCveId, isErrataId } from './vulnerability-identity.ts';

/** A range match with the advisory it belongs to (undefined when the index has no record of it). */
export interface AdvisoryMatch extends RangeMatch {
  readonly advisory: AdvisorySummary | undefined;
}

/** CVE-keyed data from outside the advisories. */
export interface Enrichment {
  readonly kev: ReadonlyMap<string, KevEntry>;
  readonly epss: ReadonlyMap<string, EpssEntry>;
  readonly cvss: ReadonlyMap<string, readonly FindingCvss[]>;
  /**
   * Every advisory speaking for a CVE, of any package (AdvisoryLookup.relatedAdvisories): asked
   * only when the finding's own advisories and the enrichment leave its severity UNKNOWN.
   */
  readonly related?: ReadonlyMap<string, readonly AdvisorySummary[]>;
}

const VIA_ORDER: Readonly<Record<MatchDetail['via'], number>> = {
  direct: 0,
  source: 1,
  kernel: 2,
  stdlib: 3,
};

/**
 * One finding for one package from the advisory matches merged into one vulnerability. Problems
 * met on the way (a CVSS vector that does not parse) are returned as warnings; the finding is
 * still built.
 */
export function buildFinding(
  pkg: Package,
  group: IdentityGroup<AdvisoryMatch>,
  enrichment: Enrichment,
  ctx: { readonly schemes: SchemeCache; readonly facts: AdvisoryFacts },
): { finding: Finding; warnings: string[] } {
  const warnings = new Set<string>();
  const { id, aliases } = displayId(group.ids);
  const advisories = orderAdvisories(id, group.members);
  const cves = [...group.ids].filter(isCveId).sort();

  const details = matchDetails(group.members);
  const fixedVersions = fixedVersionsOf(group.members, ctx.schemes);

  const vendor: RatedBy[] = [];
  const advisoryCvss: FindingCvss[] = [];
  for (const m of group.members) {
    const f = ctx.facts.affected(m.row, m.advisory);
    if (f.vendor) vendor.push({ advisoryId: m.row.advisoryId, severity: f.vendor });
    advisoryCvss.push(...f.cvss);
    for (const e of f.errors) warnings.add(e);
  }
  const ghsa: RatedBy[] = [];
  let titled: AdvisorySummary | undefined;
  let described: AdvisorySummary | undefined;
  for (const a of advisories) {
    const f = ctx.facts.record(a);
    advisoryCvss.push(...f.cvss);
    for (const e of f.errors) warnings.add(e);
    if (f.ghsa) ghsa.push({ advisoryId: a.id, severity: f.ghsa });
    if (!titled && f.title !== undefined) titled = a;
    if (!described && f.hasDetails) described = a;
  }
  const title = titled && ctx.facts.record(titled).title;
  // The description goes with the title when that advisory has one.
  const description = (titled && ctx.facts.record(titled).hasDetails ? titled : described)?.details;
  const enrichmentCvss = cves.flatMap((c) => enrichment.cvss.get(c) ?? []);
  let chosen = chooseSeverity({ vendor, ghsa, advisoryCvss, enrichmentCvss });
  let relatedCvss: readonly FindingCvss[] = [];
  if (chosen.severity === 'UNKNOWN' && enrichment.related) {
    const own = new Set(group.members.map((m) => `${m.row.source}\0${m.row.advisoryId}`));
    const r = relatedSeverity(cves, own, enrichment.related, ctx.facts);
    for (const e of r.errors) warnings.add(e);
    if (r.chosen.severity !== 'UNKNOWN') {
      chosen = r.chosen;
      relatedCvss = r.cvss;
    }
  }

  const kev = firstOf(cves, enrichment.kev);
  let epss: EpssEntry | undefined;
  for (const c of cves) {
    const e = enrichment.epss.get(c);
    if (e && (!epss || e.score > epss.score)) epss = e;
  }
  const risk = riskScore({
    ...(chosen.impactCvss ? { baseScore: chosen.impactCvss.baseScore } : {}),
    severity: chosen.severity,
    kev: kev !== undefined,
    ...(epss ? { epss: epss.score } : {}),
  });
  let published: AdvisorySummary | undefined;
  for (const a of advisories) {
    const t = ctx.facts.record(a).publishedAt;
    if (t !== undefined && (!published || t < ctx.facts.record(published).publishedAt!)) published = a;
  }

  const finding: Finding = {
    id,
    aliases,
    package: {
      id: pkg.id,
      name: pkg.name,
      version: pkg.version,
      type: pkg.type,
      purl: pkg.purl,
      ...(pkg.ecosystem === undefined ? {} : { ecosystem: pkg.ecosystem }),
      locations: pkg.locations,
    },
    fixedVersions,
    fixState: fixedVersions.length > 0 ? 'fixed' : 'not-fixed',
    severity: chosen.severity,
    severitySource: chosen.source,
    cvss: dedupeCvss([...advisoryCvss, ...enrichmentCvss, ...relatedCvss]),
    ...(kev ? { kev } : {}),
    ...(epss ? { epss } : {}),
    risk,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(published?.published ? { published: published.published } : {}),
    references:
      advisories.length === 1
        ? ctx.facts.references(advisories[0]!, cves)
        : [...new Set(advisories.flatMap((a) => ctx.facts.references(a, cves)))],
    details,
  };
  return { finding, warnings: [...warnings] };
}

/**
 * The advisories whose text and metadata a finding shows, best first: the one named like the
 * finding, then vulnerability advisories (GHSA first, then others), then distro errata.
 */
function orderAdvisories(id: string, members: readonly AdvisoryMatch[]): AdvisorySummary[] {
  const byId = new Map<string, AdvisorySummary>();
  for (const m of members) if (m.advisory && !byId.has(m.advisory.id)) byId.set(m.advisory.id, m.advisory);
  const rank = (a: AdvisorySummary) =>
    a.id === id ? 0 : a.id.startsWith('GHSA-') ? 1 : isErrataId(a.id) ? 3 : 2;
  return [...byId.values()].sort((a, b) => rank(a) - rank(b) || compareStrings(a.id, b.id));
}

/** One detail per advisory range that matched, by advisory then lookup route. */
function matchDetails(members: readonly AdvisoryMatch[]): MatchDetail[] {
  const seen = new Set<string>();
  const details: MatchDetail[] = [];
  for (const { key, row, match } of members) {
    const k =
      match.kind === 'version'
        ? `${row.advisoryId}\0${key.via}\0${key.name}\0${key.version}\0v\0${match.version}`
        : `${row.advisoryId}\0${key.via}\0${key.name}\0${key.version}\0r\0${match.type}\0${match.introduced}\0${match.fixed ?? ''}\0${match.lastAffected ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    details.push({
      advisoryId: row.advisoryId,
      source: row.source,
      via: key.via,
      ecosystem: key.ecosystem,
      name: key.name,
      version: key.version,
      matched:
        match.kind === 'version'
          ? { kind: 'version', version: match.version }
          : {
              kind: 'range',
              type: match.type,
              introduced: match.introduced,
              ...(match.fixed === undefined ? {} : { fixed: match.fixed }),
              ...(match.lastAffected === undefined ? {} : { lastAffected: match.lastAffected }),
            },
    });
  }
  return details.sort(
    (a, b) =>
      compareStrings(a.advisoryId, b.advisoryId) ||
      VIA_ORDER[a.via] - VIA_ORDER[b.via] ||
      compareStrings(a.name, b.name),
  );
}

/**
 * The distinct `fixed` bounds of the matched ranges, lowest first in the ecosystem's ordering
 * (bounds the scheme cannot read go last). For matches through the source package these are
 * source-package versions: the binary package built from that source at that version is fixed.
 */
function fixedVersionsOf(members: readonly AdvisoryMatch[], schemes: SchemeCache): string[] {
  const fixed = new Map<string, string>(); // version → ecosystem it came from
  for (const { row, match } of members) {
    if (match.kind === 'range' && match.fixed !== undefined && !fixed.has(match.fixed)) {
      fixed.set(match.fixed, row.affected.ecosystem);
    }
  }
  const parsed = [...fixed].map(([version, ecosystem]) => {
    const scheme = schemes.forEcosystem(ecosystem);
    const p = scheme?.parse(version);
    return { version, scheme, value: p?.ok ? p.value : undefined };
  });
  return parsed
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined || !a.scheme || a.scheme !== b.scheme) {
        return (
          (a.value === undefined ? 1 : 0) - (b.value === undefined ? 1 : 0) ||
          compareStrings(a.version, b.version)
        );
      }
      return a.scheme.compare(a.value, b.value) || compareStrings(a.version, b.version);
    })
    .map((p) => p.version);
}

function firstOf<V>(keys: readonly string[], map: ReadonlyMap<string, V>): V | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
