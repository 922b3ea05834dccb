import type { AdvisoryLookup, AdvisorySummary, AffectedRow } from '../core/advisory-lookup.ts';
import type { Finding } from '../core/finding.ts';
import type { OsInfo } from '../core/os-info.ts';
import type { Package } from '../core/package.ts';
import { packageNameKey } from '../version/name-key.ts';
import { AdvisoryFacts } from './advisory-facts.ts';
import { type AdvisoryMatch, buildFinding, type Enrichment } from './build-finding.ts';
import { type RangeMatch, RowEvaluator } from './evaluate-rows.ts';
import { type LookupKey, lookupKeys } from './lookup-keys.ts';
import { SchemeCache } from './scheme-cache.ts';
import { sortFindings } from './sort-findings.ts';
import { groupByIdentity, type IdentityGroup, identitiesOf, isCveId } from './vulnerability-identity.ts';

export interface MatchInput {
  readonly packages: readonly Package[];
  /**
   * The scanned tree's OS. Not needed by OSV matching itself (each OS package already carries its
   * OSV ecosystem, which the extractors derive from it); accepted so every matcher sees one input.
   */
  readonly os?: OsInfo;
}

export interface MatchWarning {
  /** Package.id the warning is about. */
  readonly packageId: string;
  readonly message: string;
}

export interface MatchResult {
  /** Sorted: severity, then risk, id, package name (see sortFindings). */
  readonly findings: Finding[];
  readonly warnings: MatchWarning[];
}

/** Packages handled between two AbortSignal checks. */
const CHECK_EVERY = 512;

/**
 * Matches packages against an advisory database: derives lookup keys per package
 * (lookupKeys), fetches the affected entries in one batched call per ecosystem, evaluates OSV
 * ranges in each ecosystem's version scheme (parsed versions cached for the run), drops withdrawn
 * advisories, merges advisories that are the same vulnerability into one finding per package
 * (vulnerability-identity.ts), enriches with CVSS, KEV and EPSS (one batched call each), rates
 * findings nothing of their own rates from other advisories for their CVEs (one batched
 * relatedAdvisories call, made only when some finding would be UNKNOWN) and scores risk
 * (risk-score.ts).
 *
 * What cannot be decided is never reported as "not affected" silently: unreadable versions or
 * range bounds, unknown ecosystems and unscorable CVSS vectors become warnings naming the package.
 * Errors of the lookup itself (a database failure) and aborts (`opts.signal`) are thrown.
 */
export async function matchPackages(
  input: MatchInput,
  lookup: AdvisoryLookup,
  opts: { readonly signal?: AbortSignal } = {},
): Promise<MatchResult> {
  const { signal } = opts;
  signal?.throwIfAborted();
  const warnings: MatchWarning[] = [];
  const warn = (pkg: Package, messages: Iterable<string>) => {
    for (const message of messages) warnings.push({ packageId: pkg.id, message });
  };

  // 1. Lookup keys, and the names to ask for per ecosystem.
  const keysOf = new Map<Package, readonly LookupKey[]>();
  const namesByEcosystem = new Map<string, Set<string>>();
  for (const [i, pkg] of input.packages.entries()) {
    if (i % CHECK_EVERY === 0) signal?.throwIfAborted();
    const { keys, warning } = lookupKeys(pkg);
    if (warning) warn(pkg, [warning]);
    if (keys.length === 0) continue;
    keysOf.set(pkg, keys);
    for (const k of keys) {
      const names = namesByEcosystem.get(k.ecosystem) ?? new Set<string>();
      namesByEcosystem.set(k.ecosystem, names);
      names.add(k.name);
    }
  }

  // 2. One batched lookup per ecosystem, indexed by name key.
  const rowsByEcosystem = new Map<string, Map<string, AffectedRow[]>>();
  await Promise.all(
    [...namesByEcosystem].map(async ([ecosystem, names]) => {
      const rows = await lookup.affected(ecosystem, [...names]);
      const byName = new Map<string, AffectedRow[]>();
      for (const row of rows) {
        const k = packageNameKey(ecosystem, row.affected.name);
        const list = byName.get(k) ?? [];
        byName.set(k, list);
        list.push(row);
      }
      rowsByEcosystem.set(ecosystem, byName);
    }),
  );
  signal?.throwIfAborted();

  // 4. Range evaluation.
  const schemes = new SchemeCache();
  const evaluator = new RowEvaluator(schemes);
  const matchesOf = new Map<Package, RangeMatch[]>();
  let n = 0;
  for (const [pkg, keys] of keysOf) {
    if (n++ % CHECK_EVERY === 0) signal?.throwIfAborted();
    const matches: RangeMatch[] = [];
    const messages: string[] = [];
    for (const key of keys) {
      const rows = rowsByEcosystem.get(key.ecosystem)?.get(packageNameKey(key.ecosystem, key.name)) ?? [];
      const r = evaluator.evaluate(pkg, key, rows);
      matches.push(...r.matches);
      messages.push(...r.warnings);
    }
    warn(pkg, new Set(messages));
    if (matches.length > 0) matchesOf.set(pkg, matches);
  }

  // 4b. The records of the advisories that matched, fetched once (not of every candidate: a
  // package name has many advisories, most of them for other versions); withdrawn ones are
  // dropped here.
  const matchedIds = new Set<string>();
  for (const matches of matchesOf.values()) for (const m of matches) matchedIds.add(m.row.advisoryId);
  const advisories =
    matchedIds.size > 0 ? await lookup.advisories([...matchedIds]) : new Map<string, AdvisorySummary>();
  signal?.throwIfAborted();
  for (const [pkg, matches] of matchesOf) {
    const live = matches.filter((m) => advisories.get(m.row.advisoryId)?.withdrawn === undefined);
    if (live.length > 0) matchesOf.set(pkg, live);
    else matchesOf.delete(pkg);
  }

  // 5. Merge per package by vulnerability identity.
  const groupsOf = new Map<Package, ReturnType<typeof groupByIdentity<AdvisoryMatch>>>();
  const cves = new Set<string>();
  for (const [pkg, matches] of matchesOf) {
    const items = [];
    for (const m of matches) {
      const advisory = advisories.get(m.row.advisoryId);
      const item: AdvisoryMatch = { ...m, advisory };
      const ids = advisory ?? { id: m.row.advisoryId, aliases: [], related: [] };
      items.push({ item, identities: identitiesOf(ids) });
    }
    const groups = groupByIdentity(items);
    if (groups.length === 0) continue;
    groupsOf.set(pkg, groups);
    for (const g of groups) for (const id of g.ids) if (isCveId(id)) cves.add(id);
  }

  // 6. Enrichment, batched over every CVE found.
  const cveList = [...cves].sort();
  const [kev, epss, cvss] =
    cveList.length > 0
      ? await Promise.all([lookup.kev(cveList), lookup.epss(cveList), lookup.cvss(cveList)])
      : [new Map(), new Map(), new Map()];
  const enrichment: Enrichment = { kev, epss, cvss };
  signal?.throwIfAborted();

  // 7. Findings.
  const facts = new AdvisoryFacts();
  const built: { pkg: Package; group: IdentityGroup<AdvisoryMatch>; r: ReturnType<typeof buildFinding> }[] =
    [];
  n = 0;
  for (const [pkg, groups] of groupsOf) {
    if (n++ % CHECK_EVERY === 0) signal?.throwIfAborted();
    for (const group of groups)
      built.push({ pkg, group, r: buildFinding(pkg, group, enrichment, { schemes, facts }) });
  }

  // 7b. Findings nothing of their own rates (the Go vulndb, Alpine secdb and Debian DSA lists rate
  // nothing) take the rating of other advisories for their CVEs: one batched call, only when needed.
  const unrated = built.filter((b) => b.r.finding.severity === 'UNKNOWN');
  const unratedCves = new Set<string>();
  for (const b of unrated) for (const id of b.group.ids) if (isCveId(id)) unratedCves.add(id);
  if (unratedCves.size > 0) {
    const related = await lookup.relatedAdvisories([...unratedCves].sort());
    signal?.throwIfAborted();
    if (related.size > 0) {
      const withRelated: Enrichment = { ...enrichment, related };
      for (const b of unrated) b.r = buildFinding(b.pkg, b.group, withRelated, { schemes, facts });
    }
  }

  const findings: Finding[] = [];
  const messagesOf = new Map<Package, Set<string>>();
  for (const { pkg, r } of built) {
    findings.push(r.finding);
    const messages = messagesOf.get(pkg) ?? new Set<string>();
    messagesOf.set(pkg, messages);
    for (const w of r.warnings) messages.add(w);
  }
  for (const [pkg, messages] of messagesOf) warn(pkg, messages);
  return { findings: sortFindings(findings), warnings };
}
