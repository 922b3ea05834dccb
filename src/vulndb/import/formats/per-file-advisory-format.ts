import type { Advisory } from '../../../core/advisory.ts';
import type { Result } from '../../../core/result.ts';
import type { FeedFormat } from '../feed-format.ts';

/** A FeedFormat for feeds with one advisory per file, from its `claims` test and its converter. */
export function perFileAdvisoryFormat(
  name: string,
  claims: FeedFormat['claims'],
  convert: (bytes: Uint8Array, opts: { path: string; source: string }) => Result<Advisory>,
): FeedFormat {
  return {
    name,
    kind: 'advisories',
    grouping: 'file',
    claims,
    async parse(inputs, source) {
      const advisories = [];
      const skipped = [];
      for (const { path, bytes } of inputs) {
        const r = convert(bytes, { path, source });
        if (r.ok) advisories.push({ advisory: r.value, file: path });
        else skipped.push({ path, reason: r.error });
      }
      return { advisories, skipped };
    },
  };
}
