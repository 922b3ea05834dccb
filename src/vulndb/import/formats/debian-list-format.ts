import { parseDebianAdvisoryList } from '../../feeds/debian-tracker/parse-debian-advisory-list.ts';
import type { FeedFormat } from '../feed-format.ts';

/** The Debian security tracker's `data/DSA/list` and `data/DLA/list` text files. */
export const debianListFormat: FeedFormat = {
  name: 'debian-list',
  kind: 'advisories',
  grouping: 'file',
  claims(_path, head) {
    return /^\[\d{1,2} [A-Z][a-z]{2} \d{4}\] D[SL]A-\d+/.test(head);
  },
  async parse(inputs, source) {
    const advisories = [];
    const skipped = [];
    for (const { path, bytes } of inputs) {
      const r = parseDebianAdvisoryList(new TextDecoder().decode(bytes), { path, source });
      advisories.push(...r.advisories.map((advisory) => ({ advisory, file: path })));
      skipped.push(...r.skipped);
    }
    return { advisories, skipped };
  },
};
