import { parseCve5Record } from '../../feeds/cve5/parse-cve5-record.ts';
import { parseNvdFeed } from '../../feeds/cve5/parse-nvd-feed.ts';
import type { FeedFormat } from '../feed-format.ts';

/** CVE JSON 5.x records (cvelistV5): CVSS enrichment, one CVE per file. */
export const cve5Format: FeedFormat = {
  name: 'cve5',
  kind: 'cvss',
  grouping: 'file',
  claims: (path, head) => /\.json$/i.test(path) && /"dataType"\s*:\s*"CVE_RECORD"/.test(head),
  async parse(inputs) {
    const cvss = [];
    const skipped = [];
    for (const { path, bytes } of inputs) {
      const r = parseCve5Record(bytes, path);
      if (r.ok) cvss.push(r.value);
      else skipped.push({ path, reason: r.error });
    }
    return { cvss, skipped };
  },
};

/** NVD 1.1 feeds and NVD API 2.0 documents: CVSS enrichment. */
export const nvdFormat: FeedFormat = {
  name: 'nvd',
  kind: 'cvss',
  grouping: 'file',
  claims: (path, head) =>
    /\.json$/i.test(path) &&
    (/"CVE_data_type"|"CVE_Items"/.test(head) || /"format"\s*:\s*"NVD_CVE"/.test(head)),
  async parse(inputs) {
    const cvss = [];
    const skipped = [];
    for (const { path, bytes } of inputs) {
      const r = parseNvdFeed(bytes, path);
      cvss.push(...r.rows);
      skipped.push(...r.skipped);
    }
    return { cvss, skipped };
  },
};
