import { parseAlpineSecdb } from '../../feeds/alpine-secdb/parse-alpine-secdb.ts';
import type { FeedFormat } from '../feed-format.ts';

/**
 * Alpine secdb (`v3.18/main.yaml` or secdb.alpinelinux.org's `main.json`). Grouped: one advisory
 * per CVE merges every release and repository, so all files of a source are parsed together.
 */
export const alpineSecdbFormat: FeedFormat = {
  name: 'alpine-secdb',
  kind: 'advisories',
  grouping: 'group',
  claims(path, head) {
    if (!/\.(ya?ml|json)$/i.test(path)) return false;
    return /["']?distroversion["']?\s*:/.test(head) && /["']?(packages|reponame)["']?\s*:/.test(head);
  },
  async parse(inputs, source) {
    const decoder = new TextDecoder();
    const files = inputs.map((i) => ({ path: i.path, text: decoder.decode(i.bytes) }));
    const parsed = parseAlpineSecdb(files, source);
    // An advisory merges several files; it is recorded against the first (the whole group is
    // re-read whenever any of its files changes, so the choice only labels it).
    return {
      advisories: parsed.advisories.map((advisory) => ({ advisory, file: inputs[0]?.path ?? '' })),
      skipped: parsed.skipped,
    };
  },
};
