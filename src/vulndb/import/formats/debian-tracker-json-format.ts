import { parseDebianTrackerJson } from '../../feeds/debian-tracker/parse-debian-tracker-json.ts';
import type { FeedFormat } from '../feed-format.ts';

/** The Debian security tracker JSON (https://security-tracker.debian.org/tracker/data/json). */
export const debianTrackerJsonFormat: FeedFormat = {
  name: 'debian-tracker-json',
  kind: 'advisories',
  grouping: 'file',
  claims(path, head) {
    // `{ "<source package>": { "CVE-…" | "TEMP-…": { … "releases" …` — the second-level keys are ids.
    return /\.json$/i.test(path) && /^\s*\{\s*"[^"]+"\s*:\s*\{\s*"(CVE|TEMP)-[^"]+"\s*:\s*\{/.test(head);
  },
  async parse(inputs, source) {
    const advisories = [];
    const skipped = [];
    for (const { path, bytes } of inputs) {
      const r = parseDebianTrackerJson(new TextDecoder().decode(bytes), { path, source });
      advisories.push(...r.advisories.map((advisory) => ({ advisory, file: path })));
      skipped.push(...r.skipped);
    }
    return { advisories, skipped };
  },
};
