import type { KevRow } from '../../feed-sink.ts';
import type { KevRecord } from '../../feeds/kev/parse-kev.ts';
import { parseKevCsv, parseKevJson } from '../../feeds/kev/parse-kev.ts';
import type { FeedFormat, FeedOutput } from '../feed-format.ts';

/** CISA's KEV catalog, JSON or CSV. */
export const kevFormat: FeedFormat = {
  name: 'kev',
  kind: 'kev',
  grouping: 'group',
  claims(path, head) {
    if (/\.json$/i.test(path)) return /"catalogVersion"/.test(head);
    if (/\.csv$/i.test(path)) return /^\uFEFF?"?cveID"?,"?vendorProject/.test(head);
    return false;
  },
  async parse(inputs) {
    // The JSON and the CSV are the same catalogue: prefer the JSON (it carries the catalogue date).
    const ordered = [...inputs].sort(
      (a, b) => Number(/\.csv$/i.test(a.path)) - Number(/\.csv$/i.test(b.path)),
    );
    const skipped: { path: string; reason: string }[] = [];
    for (const { path, bytes } of ordered) {
      const r = /\.csv$/i.test(path) ? parseKevCsv(bytes) : parseKevJson(bytes);
      if (!r.ok) {
        skipped.push({ path, reason: r.error });
        continue;
      }
      for (const w of r.value.warnings) skipped.push({ path, reason: w });
      return { kev: r.value.records.map(toRow), skipped } satisfies FeedOutput;
    }
    return { skipped };
  },
};

function toRow(r: KevRecord): KevRow {
  return {
    cve: r.cveId,
    dateAdded: r.dateAdded,
    dueDate: r.dueDate,
    knownRansomwareCampaignUse: r.knownRansomwareCampaignUse,
    vulnerabilityName: r.vulnerabilityName,
    requiredAction: r.requiredAction,
  };
}
