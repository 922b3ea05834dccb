import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Advisory } from '../core/advisory.ts';
import type { AdvisoryLookup, AdvisorySummary, AffectedRow } from '../core/advisory-lookup.ts';
import { indexedAliases } from '../core/errata-id.ts';
import type { EpssEntry, FindingCvss, KevEntry } from '../core/finding.ts';
import { packageNameKey } from '../version/name-key.ts';
import type { EpssScore } from '../vulndb/feeds/epss/parse-epss.ts';
import type { KevRecord } from '../vulndb/feeds/kev/parse-kev.ts';
import { parseOsvRecord } from '../vulndb/feeds/osv/parse-osv.ts';

/**
 * An AdvisoryLookup over advisories held in memory, for tests: the same contract the stores
 * implement (exact ecosystem string, names compared by `packageNameKey`). Adding an advisory
 * whose id is already present replaces it when its `modified` is not older, as a feed import would.
 */
export class MemoryAdvisoryLookup implements AdvisoryLookup {
  readonly #advisories = new Map<string, Advisory>();
  readonly #summaries = new WeakMap<Advisory, AdvisorySummary>();
  /** ecosystem → name key → rows; rebuilt lazily after changes. */
  #index: Map<string, Map<string, AffectedRow[]>> | undefined;
  /** id or indexed alias (aliases; errata's related too) → advisories; rebuilt lazily after changes. */
  #speaksFor: Map<string, Advisory[]> | undefined;
  readonly #kev = new Map<string, KevEntry>();
  readonly #epss = new Map<string, EpssEntry>();
  readonly #cvss = new Map<string, FindingCvss[]>();
  readonly #sources = new Map<string, string>();
  /** Every call made, for tests that check batching. */
  readonly calls: { method: string; args: readonly unknown[] }[] = [];

  addAdvisories(advisories: Iterable<Advisory>): this {
    for (const a of advisories) {
      const old = this.#advisories.get(a.id);
      if (old && Date.parse(old.modified) > Date.parse(a.modified)) continue;
      this.#advisories.set(a.id, a);
      if (!this.#sources.has(a.source)) this.#sources.set(a.source, new Date(0).toISOString());
    }
    this.#index = undefined;
    this.#speaksFor = undefined;
    return this;
  }

  addKev(records: Iterable<KevRecord>): this {
    for (const r of records) {
      this.#kev.set(r.cveId, {
        dateAdded: r.dateAdded,
        dueDate: r.dueDate,
        knownRansomwareCampaignUse: r.knownRansomwareCampaignUse,
        vulnerabilityName: r.vulnerabilityName,
        requiredAction: r.requiredAction,
      });
    }
    return this;
  }

  addEpss(scores: Iterable<EpssScore>, date?: string): this {
    for (const s of scores) {
      this.#epss.set(s.cve, { score: s.epss, percentile: s.percentile, ...(date ? { date } : {}) });
    }
    return this;
  }

  addCvss(cve: string, cvss: readonly FindingCvss[]): this {
    this.#cvss.set(cve, [...(this.#cvss.get(cve) ?? []), ...cvss]);
    return this;
  }

  get size(): number {
    return this.#advisories.size;
  }

  async affected(ecosystem: string, names: readonly string[]): Promise<readonly AffectedRow[]> {
    this.calls.push({ method: 'affected', args: [ecosystem, names] });
    const byName = this.#rows().get(ecosystem);
    if (!byName) return [];
    const keys = new Set(names.map((n) => packageNameKey(ecosystem, n)));
    return [...keys].flatMap((k) => byName.get(k) ?? []);
  }

  async advisories(ids: readonly string[]): Promise<ReadonlyMap<string, AdvisorySummary>> {
    this.calls.push({ method: 'advisories', args: [ids] });
    const out = new Map<string, AdvisorySummary>();
    for (const id of ids) {
      const a = this.#advisories.get(id);
      if (a) out.set(id, this.#summary(a));
    }
    return out;
  }

  async relatedAdvisories(cves: readonly string[]): Promise<ReadonlyMap<string, readonly AdvisorySummary[]>> {
    this.calls.push({ method: 'relatedAdvisories', args: [cves] });
    const index = this.#related();
    const out = new Map<string, AdvisorySummary[]>();
    for (const cve of cves) {
      const found = index.get(cve);
      if (found)
        out.set(
          cve,
          found.map((a) => this.#summary(a)),
        );
    }
    return out;
  }

  async kev(cves: readonly string[]): Promise<ReadonlyMap<string, KevEntry>> {
    this.calls.push({ method: 'kev', args: [cves] });
    return pick(this.#kev, cves);
  }

  async epss(cves: readonly string[]): Promise<ReadonlyMap<string, EpssEntry>> {
    this.calls.push({ method: 'epss', args: [cves] });
    return pick(this.#epss, cves);
  }

  async cvss(cves: readonly string[]): Promise<ReadonlyMap<string, readonly FindingCvss[]>> {
    this.calls.push({ method: 'cvss', args: [cves] });
    return pick(this.#cvss, cves);
  }

  async sources(): Promise<readonly { readonly source: string; readonly importedAt: string }[]> {
    return [...this.#sources].map(([source, importedAt]) => ({ source, importedAt }));
  }

  #summary(a: Advisory): AdvisorySummary {
    let summary = this.#summaries.get(a);
    if (!summary) {
      summary = toSummary(a);
      this.#summaries.set(a, summary);
    }
    return summary;
  }

  /** The store's alias index plus advisory ids, lists sorted by source then id as the store sorts. */
  #related(): Map<string, Advisory[]> {
    if (this.#speaksFor) return this.#speaksFor;
    const index = new Map<string, Advisory[]>();
    for (const a of this.#advisories.values()) {
      for (const id of new Set([a.id, ...indexedAliases(a)])) {
        const list = index.get(id) ?? [];
        index.set(id, list);
        list.push(a);
      }
    }
    const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    for (const list of index.values()) list.sort((x, y) => text(x.source, y.source) || text(x.id, y.id));
    this.#speaksFor = index;
    return index;
  }

  #rows(): Map<string, Map<string, AffectedRow[]>> {
    if (this.#index) return this.#index;
    const index = new Map<string, Map<string, AffectedRow[]>>();
    for (const a of this.#advisories.values()) {
      for (const affected of a.affected) {
        const byName = index.get(affected.ecosystem) ?? new Map<string, AffectedRow[]>();
        index.set(affected.ecosystem, byName);
        const key = packageNameKey(affected.ecosystem, affected.name);
        const rows = byName.get(key) ?? [];
        byName.set(key, rows);
        rows.push({ advisoryId: a.id, source: a.source, affected });
      }
    }
    this.#index = index;
    return index;
  }
}

function pick<V>(map: ReadonlyMap<string, V>, keys: readonly string[]): Map<string, V> {
  const out = new Map<string, V>();
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

function toSummary(a: Advisory): AdvisorySummary {
  return {
    id: a.id,
    source: a.source,
    aliases: a.aliases,
    related: a.related,
    ...(a.summary === undefined ? {} : { summary: a.summary }),
    ...(a.details === undefined ? {} : { details: a.details }),
    ...(a.published === undefined ? {} : { published: a.published }),
    modified: a.modified,
    ...(a.withdrawn === undefined ? {} : { withdrawn: a.withdrawn }),
    severity: a.severity,
    references: a.references.map((r) => r.url),
    ...(a.databaseSpecific === undefined ? {} : { databaseSpecific: a.databaseSpecific }),
  };
}

/** osv-scalibr's test data wraps records as `{ "vulns": [record…] }` in `*.vulnerabilities.json`. */
const WRAPPED = /\.vulnerabilities\.json$/;
const NOT_RECORDS = new Set(['last_updated.json']);

/**
 * Reads every OSV record (JSON or YAML) under `root`, or the one file `root` names, recursively.
 * A record that does not parse throws: the shared feeds are expected to parse whole
 * (src/vulndb/feeds/osv/parse-osv.test.ts checks that).
 */
export function readOsvRecords(root: string, source: string): Advisory[] {
  const out: Advisory[] = [];
  const visit = (path: string, isDir: boolean) => {
    if (isDir) {
      for (const e of readdirSync(path, { withFileTypes: true })) visit(join(path, e.name), e.isDirectory());
      return;
    }
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (!/\.(json|ya?ml)$/.test(base) || NOT_RECORDS.has(base)) return;
    const text = readFileSync(path, 'utf8');
    const texts = WRAPPED.test(base)
      ? (JSON.parse(text) as { vulns: unknown[] }).vulns.map((v) => JSON.stringify(v))
      : [text];
    for (const t of texts) {
      const r = parseOsvRecord(t, {
        source,
        path,
        ...(WRAPPED.test(base) ? { format: 'json' as const } : {}),
      });
      if (!r.ok) throw new Error(r.error);
      out.push(r.value);
    }
  };
  visit(root, statSync(root).isDirectory());
  return out;
}
