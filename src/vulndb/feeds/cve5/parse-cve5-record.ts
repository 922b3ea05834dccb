import type { FindingCvss } from '../../../core/finding.ts';
import { isRecord } from '../../../core/is-record.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import type { CvssRow } from '../../feed-sink.ts';
import { englishDescription } from './english-description.ts';
import { addCvss, scoredCvss } from './scored-cvss.ts';
import { utcTimestamp } from './utc-timestamp.ts';

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;
/** Metric keys of the CVE JSON 5 schema, oldest first. */
const METRIC_KEYS = ['cvssV2_0', 'cvssV3_0', 'cvssV3_1', 'cvssV4_0'] as const;

/**
 * Reads one CVE JSON 5.x record (https://github.com/CVEProject/cve-schema, as in cvelistV5:
 * `cves/2021/44xxx/CVE-2021-44228.json`) into CVSS enrichment for its CVE.
 *
 * - cvss: every `cvssV2_0`/`cvssV3_0`/`cvssV3_1`/`cvssV4_0` metric of the CNA container and of
 *   each ADP container (CISA-ADP adds vectors the CNA left out), scored by our CVSS code, with
 *   source `cve5:<providerMetadata.shortName>` (`cve5:apache`, `cve5:CISA-ADP`). A metric whose
 *   vector does not parse is skipped; the record is kept.
 * - description: the CNA's first English description (`en`, `en-US`…).
 * - published / modified: `datePublished` / `dateUpdated`, as RFC 3339 UTC.
 *
 * A REJECTED record (or anything not PUBLISHED) gives an error saying so: it has no enrichment,
 * and an importer may drop what it stored for that CVE. Errors name `path`. Never throws.
 */
export function parseCve5Record(text: string | Uint8Array, path: string): Result<CvssRow> {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text));
  } catch (e) {
    return err(`${path}: invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(doc)) return err(`${path}: a CVE record must be a JSON object`);
  if (doc.dataType !== undefined && doc.dataType !== 'CVE_RECORD') {
    return err(`${path}: dataType: "${String(doc.dataType)}" is not CVE_RECORD`);
  }
  const meta = doc.cveMetadata;
  if (!isRecord(meta)) return err(`${path}: cveMetadata: required (not a CVE JSON 5 record)`);
  const cve = typeof meta.cveId === 'string' ? meta.cveId.trim().toUpperCase() : undefined;
  if (cve === undefined || !CVE_RE.test(cve)) {
    return err(`${path}: cveMetadata.cveId: ${JSON.stringify(meta.cveId)} is not a CVE id`);
  }
  if (meta.state !== 'PUBLISHED') {
    return err(`${path}: ${cve} is ${String(meta.state)}, not PUBLISHED: no CVSS enrichment`);
  }
  const containers = isRecord(doc.containers) ? doc.containers : {};
  const cna = isRecord(containers.cna) ? containers.cna : undefined;
  if (cna === undefined) return err(`${path}: containers.cna: required in a PUBLISHED record`);
  const cvss: FindingCvss[] = [];
  const assigner = typeof meta.assignerShortName === 'string' ? meta.assignerShortName : undefined;
  collect(cvss, cna, assigner);
  for (const adp of Array.isArray(containers.adp) ? containers.adp : []) {
    if (isRecord(adp)) collect(cvss, adp, undefined);
  }
  const description = englishDescription(cna.descriptions);
  const published = utcTimestamp(meta.datePublished);
  const modified = utcTimestamp(meta.dateUpdated);
  return ok({
    cve,
    cvss,
    ...(published === undefined ? {} : { published }),
    ...(modified === undefined ? {} : { modified }),
    ...(description === undefined ? {} : { description }),
  });
}

function collect(
  out: FindingCvss[],
  container: Record<string, unknown>,
  fallbackName: string | undefined,
): void {
  const provider = isRecord(container.providerMetadata) ? container.providerMetadata : {};
  const name =
    typeof provider.shortName === 'string' && provider.shortName !== ''
      ? provider.shortName
      : (fallbackName ?? (typeof provider.orgId === 'string' ? provider.orgId : 'unknown'));
  for (const metric of Array.isArray(container.metrics) ? container.metrics : []) {
    if (!isRecord(metric)) continue;
    for (const key of METRIC_KEYS) {
      const m = metric[key];
      if (isRecord(m)) addCvss(out, scoredCvss(m.vectorString, `cve5:${name}`));
    }
  }
}
