import type { AffectedPackage } from '../core/advisory.ts';
import type { AdvisorySummary, AffectedRow } from '../core/advisory-lookup.ts';
import { indexedAliases } from '../core/errata-id.ts';
import type { FindingCvss, Severity } from '../core/finding.ts';
import { ghsaSeverity } from './choose-severity.ts';
import { cvssOf } from './finding-cvss.ts';
import { isOsEcosystem } from './lookup-keys.ts';
import { recordVendorSeverity, vendorSeverity } from './vendor-severity.ts';
import { isCveId } from './vulnerability-identity.ts';

/** What a finding takes from an advisory record, worked out once. */
export interface RecordFacts {
  /** Record-level CVSS vectors, scored. */
  readonly cvss: readonly FindingCvss[];
  /** Vectors that could not be scored. */
  readonly errors: readonly string[];
  readonly ghsa?: Severity;
  /**
   * A distribution's rating in the record itself (recordVendorSeverity), used only when the record
   * is another package's advisory for a finding's CVE.
   */
  readonly vendor?: Severity;
  /** How many CVEs the record speaks for (its id, aliases, and an errata's related). */
  readonly cveCount: number;
  /** The summary, else the first line of the details. */
  readonly title?: string;
  readonly hasDetails: boolean;
  /** Reference URLs, deduplicated. */
  readonly references: readonly string[];
  /** For records naming several CVEs: per reference, the CVEs its URL names ('self' for the record's own pages). */
  readonly referenceTopics?: readonly (readonly string[] | 'self' | undefined)[];
  /** `published` as a timestamp, when it is a real date. */
  readonly publishedAt?: number;
}

/** What a finding takes from one matched affected entry, worked out once. */
export interface AffectedFacts {
  readonly cvss: readonly FindingCvss[];
  readonly errors: readonly string[];
  /** The distribution's rating, for distro ecosystems only. */
  readonly vendor?: Severity;
}

/**
 * Per-run memo of the facts findings derive from advisories. An errata fixing a hundred CVEs
 * yields a hundred findings per package it matches; its vectors are parsed and its text scanned
 * once, not once per finding.
 */
export class AdvisoryFacts {
  readonly #records = new WeakMap<AdvisorySummary, RecordFacts>();
  readonly #affected = new WeakMap<AffectedPackage, AffectedFacts>();
  readonly #osEcosystem = new Map<string, boolean>();
  readonly #references = new Map<string, readonly string[]>();

  record(a: AdvisorySummary): RecordFacts {
    let f = this.#records.get(a);
    if (!f) {
      const { cvss, errors } = cvssOf(a.id, a.severity);
      const ghsa = ghsaSeverity(a);
      const title = hasText(a.summary) ? a.summary.trim() : firstLine(a.details);
      const references = [...new Set(a.references)];
      const cves = new Set([a.id, ...a.aliases, ...a.related].filter(isCveId));
      const vendor = recordVendorSeverity(a);
      const publishedAt = realDate(a.published);
      f = {
        cvss,
        errors,
        ...(ghsa ? { ghsa } : {}),
        ...(vendor ? { vendor } : {}),
        cveCount: new Set([a.id, ...indexedAliases(a)].filter(isCveId)).size,
        ...(title ? { title } : {}),
        hasDetails: hasText(a.details),
        references,
        ...(cves.size > 1 ? { referenceTopics: references.map((url) => topicsOf(url, a.id)) } : {}),
        ...(publishedAt === undefined ? {} : { publishedAt }),
      };
      this.#records.set(a, f);
    }
    return f;
  }

  affected(row: AffectedRow, advisory: AdvisorySummary | undefined): AffectedFacts {
    let f = this.#affected.get(row.affected);
    if (!f) {
      const { cvss, errors } = cvssOf(row.advisoryId, row.affected.severity ?? []);
      const vendor = this.#isOs(row.affected.ecosystem) ? vendorSeverity(advisory, row.affected) : undefined;
      f = { cvss, errors, ...(vendor ? { vendor } : {}) };
      this.#affected.set(row.affected, f);
    }
    return f;
  }

  /**
   * The references of an advisory that belong to a finding about `cves`. An errata fixing many
   * CVEs lists a page and a bug per CVE; a finding about one of them keeps the errata's own pages
   * (URLs naming its id, as `RHSA-2025:19927` or `ALSA-2025-19927`) and the pages naming its
   * CVEs. Pages naming another CVE, or nothing we can tie to this CVE (a bare bug number), are
   * left out. Advisories about one CVE keep every reference.
   */
  references(a: AdvisorySummary, cves: readonly string[]): readonly string[] {
    const { references: all, referenceTopics } = this.record(a);
    if (!referenceTopics) return all;
    const cacheKey = `${a.id}\0${cves.join(',')}`;
    let refs = this.#references.get(cacheKey);
    if (!refs) {
      refs = all.filter((_, i) => {
        const topics = referenceTopics[i];
        return topics === 'self' || topics?.some((c) => cves.includes(c)) === true;
      });
      this.#references.set(cacheKey, refs);
    }
    return refs;
  }

  #isOs(ecosystem: string): boolean {
    let os = this.#osEcosystem.get(ecosystem);
    if (os === undefined) {
      os = isOsEcosystem(ecosystem);
      this.#osEcosystem.set(ecosystem, os);
    }
    return os;
  }
}

const CVE_IN_TEXT = /CVE-\d{4}-\d{4,}/g;

/**
 * What a reference URL is about: the CVEs it names, or 'self' when it names the advisory itself
 * (by the number after the prefix, so RHSA-2025:19927 and ALSA-2025-19927 are both ALSA-2025:19927's).
 */
function topicsOf(url: string, advisoryId: string): readonly string[] | 'self' | undefined {
  const upper = url.toUpperCase();
  const cves = upper.match(CVE_IN_TEXT);
  if (cves) return cves;
  const number = /-(\d[\d:-]*)$/.exec(advisoryId.toUpperCase())?.[1];
  if (number === undefined) return undefined;
  const forms = new Set([number, number.replace(/:/g, '-'), number.replace(/-\d+$/, '')]);
  return [...forms].some((f) => f.length >= 4 && upper.includes(f)) ? 'self' : undefined;
}

/** A timestamp, skipping Go's zero time (`0001-01-01T00:00:00Z`), which Go's vulndb writes for "no date". */
function realDate(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.startsWith('0001-01-01')) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

function hasText(s: string | undefined): s is string {
  return s !== undefined && /\S/.test(s);
}

/** The first non-blank line of a text, without a Markdown heading's `#`s. */
function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  for (const m of text.matchAll(/^[ \t]*(?:#+[ \t]*)?(\S[^\n]*)$/gm)) {
    const line = m[1]!.trim();
    if (line !== '') return line;
  }
  return undefined;
}
