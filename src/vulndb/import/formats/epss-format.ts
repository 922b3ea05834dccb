import type { EpssRow } from '../../feed-sink.ts';
import { parseEpssText } from '../../feeds/epss/parse-epss.ts';
import type { FeedFormat } from '../feed-format.ts';

/** FIRST EPSS scores: the daily CSV with its header, or the header-less per-year split files. */
export const epssFormat: FeedFormat = {
  name: 'epss',
  kind: 'epss',
  grouping: 'group',
  claims(path, head) {
    if (!/\.csv$/i.test(path)) return false;
    return (
      /^\uFEFF?(#model_version|cve,epss,percentile)/.test(head) ||
      /^\uFEFF?CVE-\d{4}-\d+[;,][\d.]+[;,][\d.]+/.test(head)
    );
  },
  async parse(inputs) {
    const rows = new Map<string, EpssRow>();
    const skipped: { path: string; reason: string }[] = [];
    const decoder = new TextDecoder();
    for (const { path, bytes } of inputs) {
      const parsed = await parseEpssText(decoder.decode(bytes), { maxWarnings: 5 });
      for (const w of parsed.warnings) skipped.push({ path, reason: w });
      const date = parsed.meta?.scoreDate?.slice(0, 10);
      for (const s of parsed.scores) {
        rows.set(s.cve, { cve: s.cve, score: s.epss, percentile: s.percentile, ...(date ? { date } : {}) });
      }
    }
    return { epss: [...rows.values()], skipped };
  },
};
