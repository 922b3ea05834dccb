import { parseOsvRecord } from '../../feeds/osv/parse-osv.ts';
import type { FeedFormat } from '../feed-format.ts';

/** OSV records, one per JSON or YAML file (directories, and osv.dev's `all.zip`). */
export const osvFormat: FeedFormat = {
  name: 'osv',
  kind: 'advisories',
  grouping: 'file',
  claims(path, head) {
    // Some writers sort keys, so `id` and `modified` can come after a long `affected` list.
    if (/\.json$/i.test(path)) {
      return /^\s*\{\s*"(affected|aliases|database_specific|details|id|modified|published|schema_version)"\s*:/.test(
        head,
      );
    }
    if (/\.ya?ml$/i.test(path))
      return /^id:/m.test(head) && /^(modified|affected|schema_version):/m.test(head);
    return false;
  },
  async parse(inputs, source) {
    const advisories = [];
    const skipped = [];
    for (const { path, bytes } of inputs) {
      const r = parseOsvRecord(bytes, { source, path, format: /\.ya?ml$/i.test(path) ? 'yaml' : 'json' });
      if (r.ok) advisories.push({ advisory: r.value, file: path });
      else skipped.push({ path, reason: r.error });
    }
    return { advisories, skipped };
  },
};
