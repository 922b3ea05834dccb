import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';
import { isRecord } from '../../core/is-record.ts';

/** Where one source is downloaded from: every URL lands in the source's cache folder. */
export interface Upstream {
  /** Source name in the store (`osv-go`, `kev`…). */
  readonly source: string;
  readonly urls: readonly string[];
}

const OSV = 'https://osv-vulnerabilities.storage.googleapis.com';
/** osv.dev ecosystems we fetch by default (name in the bucket → our source name). */
const OSV_ECOSYSTEMS = [
  'Go',
  'PyPI',
  'npm',
  'Maven',
  'crates.io',
  'RubyGems',
  'Packagist',
  'NuGet',
  'Pub',
  'Hex',
  'AlmaLinux',
  'Rocky Linux',
  'Debian',
  'Ubuntu',
  'Alpine',
  'Wolfi',
  'Chainguard',
  'GHSA',
];
const ALPINE_RELEASES = ['v3.16', 'v3.17', 'v3.18', 'v3.19', 'v3.20', 'v3.21', 'v3.22', 'edge'];

/**
 * The default upstreams: the real publishers, not a mirror of ours. Every one can be replaced
 * with `bulwark db update --config feeds.yaml` (same shape: `sources: [{ source, urls }]`),
 * e.g. to point at an internal mirror.
 */
export const DEFAULT_UPSTREAMS: readonly Upstream[] = [
  ...OSV_ECOSYSTEMS.map((e) => ({
    source: `osv-${e.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    urls: [`${OSV}/${encodeURIComponent(e)}/all.zip`],
  })),
  {
    source: 'alpine-secdb',
    urls: ALPINE_RELEASES.flatMap((r) => [
      `https://secdb.alpinelinux.org/${r}/main.json`,
      `https://secdb.alpinelinux.org/${r}/community.json`,
    ]),
  },
  { source: 'debian-tracker', urls: ['https://security-tracker.debian.org/tracker/data/json'] },
  {
    source: 'debian-dsa',
    urls: ['https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DSA/list'],
  },
  {
    source: 'debian-dla',
    urls: ['https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DLA/list'],
  },
  {
    source: 'kev',
    urls: ['https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json'],
  },
  { source: 'epss', urls: ['https://epss.empiricalsecurity.com/epss_scores-current.csv.gz'] },
];

/** Reads an upstream list (`sources: [{ source, urls: [...] }]`); errors name the file and entry. */
export async function loadUpstreams(path: string): Promise<Upstream[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${path}: ${errorMessage(e)}`, { subject: path });
  }
  const bad = (msg: string) => new BulwarkError(ErrorCodes.PARSE, `${path}: ${msg}`, { subject: path });
  const doc = parseDocument(text);
  if (doc.errors[0]) throw bad(`invalid YAML (${doc.errors[0].message.split('\n')[0]})`);
  const root: unknown = doc.toJS({ maxAliasCount: 50 });
  if (!isRecord(root) || !Array.isArray(root.sources)) throw bad('expected a top-level `sources:` list');
  return root.sources.map((s, i) => {
    if (!isRecord(s) || typeof s.source !== 'string' || !/^[A-Za-z0-9._-]+$/.test(s.source)) {
      throw bad(`sources[${i}]: \`source\` must be a name of letters, digits, '.', '_' or '-'`);
    }
    if (!Array.isArray(s.urls) || s.urls.length === 0 || !s.urls.every((u) => typeof u === 'string')) {
      throw bad(`sources[${i}] (${s.source}): \`urls\` must be a non-empty list of URLs`);
    }
    for (const u of s.urls as string[]) {
      if (!/^(https?|file):/.test(u)) throw bad(`sources[${i}] (${s.source}): unsupported URL ${u}`);
    }
    return { source: s.source, urls: s.urls as string[] };
  });
}
