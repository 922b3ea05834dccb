import type { FeedFormat } from './feed-format.ts';
import { alpineSecdbFormat } from './formats/alpine-secdb-format.ts';
import { friendsOfPhpFormat, nodejsWgFormat, rubysecFormat } from './formats/converted-formats.ts';
import { cve5Format, nvdFormat } from './formats/cvss-formats.ts';
import { debianListFormat } from './formats/debian-list-format.ts';
import { debianTrackerJsonFormat } from './formats/debian-tracker-json-format.ts';
import { epssFormat } from './formats/epss-format.ts';
import { kevFormat } from './formats/kev-format.ts';
import { osvFormat } from './formats/osv-format.ts';

/**
 * Every feed format `bulwark db import` recognises, most specific first: a file belongs to the
 * first format that claims it. OSV comes last because its test (an `id` and a `modified`) is the
 * loosest. Files no format claims (READMEs, licences, scripts) are counted and left alone.
 */
export const FEED_FORMATS: readonly FeedFormat[] = [
  kevFormat,
  epssFormat,
  alpineSecdbFormat,
  debianListFormat,
  debianTrackerJsonFormat,
  rubysecFormat,
  friendsOfPhpFormat,
  nodejsWgFormat,
  cve5Format,
  nvdFormat,
  osvFormat,
];

const HEAD_BYTES = 4096;

/** The format of a file, from its path and first bytes; undefined when none claims it. */
export function sniffFeedFormat(path: string, bytes: Uint8Array): FeedFormat | undefined {
  const inner = path.includes('!/') ? path.slice(path.lastIndexOf('!/') + 2) : path;
  const head = new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES));
  return FEED_FORMATS.find((f) => f.claims(inner, head));
}

export function feedFormatNamed(name: string): FeedFormat | undefined {
  return FEED_FORMATS.find((f) => f.name === name);
}
