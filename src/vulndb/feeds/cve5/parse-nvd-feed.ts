import type { FindingCvss } from '../../../core/finding.ts';
import { isRecord } from '../../../core/is-record.ts';
import type { CvssRow } from '../../feed-sink.ts';
import { englishDescription } from './english-description.ts';
import { addCvss, scoredCvss } from './scored-cvss.ts';
import { utcTimestamp } from './utc-timestamp.ts';

export interface NvdFeed {
  readonly rows: CvssRow[];
  /** Entries (or the whole document, with `path` alone) that gave no row, and why. */
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;
/** NVD API 2.0 metric lists, oldest first. */
const METRICS_V2 = ['cvssMetricV2', 'cvssMetricV30', 'cvssMetricV31', 'cvssMetricV40'] as const;
/** The NVD's own source identifier in API 2.0 metrics. */
const NVD_SOURCE = 'nvd@nist.gov';

/**
 * Reads an NVD document into CVSS enrichment rows, one per CVE:
 * - NVD JSON 1.1 feeds (`{ CVE_Items: [...] }`, the retired yearly `nvdcve-1.1-*.json`):
 *   `impact.baseMetricV3.cvssV3` and `impact.baseMetricV2.cvssV2`, source `nvd`;
 * - NVD API 2.0 responses (`{ vulnerabilities: [{ cve }] }`): `metrics.cvssMetricV2/V30/V31/V40`,
 *   source `nvd` for NIST's own (`nvd@nist.gov`) and `nvd:<source>` for the others NVD publishes
 *   (`nvd:security-advisories@github.com`, `nvd:secalert@redhat.com`), so NIST's analysis and a
 *   CNA's vector stay apart.
 * Vectors are scored by our CVSS code; one that does not parse is dropped, the entry kept.
 * description = the English description; published / modified as RFC 3339 UTC. Rejected CVEs
 * and entries without a CVE id are skipped with a reason naming `path` and the entry; a
 * document of neither shape gives no rows and one skipped entry. Never throws.
 */
export function parseNvdFeed(text: string | Uint8Array, path: string): NvdFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text));
  } catch (e) {
    return {
      rows: [],
      skipped: [{ path, reason: `invalid JSON (${e instanceof Error ? e.message : String(e)})` }],
    };
  }
  const feed: NvdFeed = { rows: [], skipped: [] };
  if (isRecord(doc) && Array.isArray(doc.vulnerabilities)) {
    for (const [i, item] of doc.vulnerabilities.entries()) {
      const where = `vulnerabilities[${i}]`;
      const r = isRecord(item) && isRecord(item.cve) ? api2Row(item.cve) : 'no cve object';
      if (typeof r === 'string') feed.skipped.push({ path, reason: `${where}: ${r}` });
      else feed.rows.push(r);
    }
  } else if (isRecord(doc) && Array.isArray(doc.CVE_Items)) {
    for (const [i, item] of doc.CVE_Items.entries()) {
      const where = `CVE_Items[${i}]`;
      const r = isRecord(item) ? feed11Row(item) : 'not an object';
      if (typeof r === 'string') feed.skipped.push({ path, reason: `${where}: ${r}` });
      else feed.rows.push(r);
    }
  } else {
    feed.skipped.push({
      path,
      reason: 'neither an NVD API 2.0 document (vulnerabilities) nor an NVD 1.1 feed (CVE_Items)',
    });
  }
  return feed;
}

/** One API 2.0 `cve` object, or why it gives no row. */
function api2Row(cve: Record<string, unknown>): CvssRow | string {
  const id = cveId(cve.id);
  if (id === undefined) return `id: ${JSON.stringify(cve.id)} is not a CVE id`;
  if (typeof cve.vulnStatus === 'string' && /^rejected$/i.test(cve.vulnStatus)) return `${id} is rejected`;
  const cvss: FindingCvss[] = [];
  const metrics = isRecord(cve.metrics) ? cve.metrics : {};
  for (const key of METRICS_V2) {
    for (const m of Array.isArray(metrics[key]) ? metrics[key] : []) {
      if (!isRecord(m) || !isRecord(m.cvssData)) continue;
      const source = typeof m.source === 'string' && m.source !== NVD_SOURCE ? `nvd:${m.source}` : 'nvd';
      addCvss(cvss, scoredCvss(m.cvssData.vectorString, source));
    }
  }
  return row(id, cvss, cve.published, cve.lastModified, englishDescription(cve.descriptions));
}

/** One NVD 1.1 `CVE_Items` entry, or why it gives no row. */
function feed11Row(item: Record<string, unknown>): CvssRow | string {
  const cve = isRecord(item.cve) ? item.cve : {};
  const meta = isRecord(cve.CVE_data_meta) ? cve.CVE_data_meta : {};
  const id = cveId(meta.ID);
  if (id === undefined) return `cve.CVE_data_meta.ID: ${JSON.stringify(meta.ID)} is not a CVE id`;
  const description = englishDescription(
    isRecord(cve.description) ? cve.description.description_data : undefined,
  );
  // NVD 1.1 marks rejected CVEs only in the description.
  if (description?.startsWith('** REJECT **')) return `${id} is rejected`;
  const impact = isRecord(item.impact) ? item.impact : {};
  const cvss: FindingCvss[] = [];
  const v2 = isRecord(impact.baseMetricV2) ? impact.baseMetricV2.cvssV2 : undefined;
  const v3 = isRecord(impact.baseMetricV3) ? impact.baseMetricV3.cvssV3 : undefined;
  if (isRecord(v2)) addCvss(cvss, scoredCvss(v2.vectorString, 'nvd'));
  if (isRecord(v3)) addCvss(cvss, scoredCvss(v3.vectorString, 'nvd'));
  return row(id, cvss, item.publishedDate, item.lastModifiedDate, description);
}

function row(
  cve: string,
  cvss: FindingCvss[],
  publishedRaw: unknown,
  modifiedRaw: unknown,
  description: string | undefined,
): CvssRow {
  const published = utcTimestamp(publishedRaw);
  const modified = utcTimestamp(modifiedRaw);
  return {
    cve,
    cvss,
    ...(published === undefined ? {} : { published }),
    ...(modified === undefined ? {} : { modified }),
    ...(description === undefined ? {} : { description }),
  };
}

function cveId(v: unknown): string | undefined {
  const id = typeof v === 'string' ? v.trim().toUpperCase() : undefined;
  return id !== undefined && CVE_RE.test(id) ? id : undefined;
}
