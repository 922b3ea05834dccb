import type { Advisory, AffectedPackage } from '../../../core/advisory.ts';
import { debVersion } from '../../../version/deb.ts';
import {
  clip,
  distroAffected,
  type FeedFileOptions,
  type FeedSkip,
  type NotAffected,
  type ParsedFeed,
} from '../distro-affected.ts';
import { debianEcosystem } from './debian-release.ts';
import { debianUrgency } from './debian-urgency.ts';

interface Draft {
  readonly id: string;
  readonly summary: string;
  readonly date: string;
  readonly related: string[];
  readonly affected: AffectedPackage[];
  readonly notAffected: NotAffected[];
  /** Line of each (ecosystem, package) already read, to refuse repeats. */
  readonly seen: Map<string, number>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEADER_RE = /^\[(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\]\s+([A-Z]+-\d+(?:-\d+)?)(?:\s+(.*))?$/;
const PACKAGE_RE = /^\[([^\]]*)\]\s+-\s+(\S+)(?:\s+(.*))?$/;
const ID_RE = /^[A-Z][A-Z0-9]*-[A-Za-z0-9-]+$/;
const SOURCE_NAME_RE = /^[a-z0-9][a-z0-9+.-]+$/;
/** Markers of a package that stays vulnerable in that release (no fixed version). */
const UNFIXED = new Set(['unfixed', 'end-of-life', 'no-dsa', 'ignored', 'postponed', 'undetermined']);
const URGENCIES = new Set(['unimportant', 'low', 'medium', 'high']);

/**
 * Parses the Debian security tracker's `data/DSA/list` or `data/DLA/list` into one Advisory per
 * DSA/DLA. Each entry is a header `[19 Oct 2016] DSA-3696-1 linux - security update` (its date is
 * `published` and `modified`, its text the `summary`), then indented lines:
 *
 * - `{CVE-2016-5195 …}`: `related`. An errata does not describe a vulnerability of its own: its
 *   related CVEs are the ones it fixes, and the matcher expands the DSA to them.
 * - `[jessie] - linux 3.16.36-1+deb8u2 (remark)`: affected `Debian:8` source package `linux`,
 *   `introduced 0, fixed <version>`; a remark naming an urgency (`(bug #123; medium)`) gives the
 *   package a `Debian` severity.
 * - `[woody] - pkg <not-affected>`: no affected entry, a note in `databaseSpecific.notAffected`;
 *   `<unfixed>`, `<end-of-life>` (and `<no-dsa>`, `<ignored>`, `<postponed>`): affected with no
 *   fix, the marker kept as `ecosystemSpecific.status`.
 * - `NOTE: …`: free text, ignored even when it quotes a package line (the tracker does the same).
 *
 * Never throws: a line it cannot use (unknown release, bad version…) is skipped with a reason
 * naming its line number; a bad header skips its whole entry.
 */
export function parseDebianAdvisoryList(text: string, opts: FeedFileOptions): ParsedFeed {
  const advisories: Advisory[] = [];
  const skipped: FeedSkip[] = [];
  const headers = new Map<string, number>();
  let draft: Draft | undefined;
  let inBadEntry = false;
  const finish = () => {
    if (draft !== undefined) advisories.push(toAdvisory(draft, opts.source));
    draft = undefined;
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const skip = (reason: string) => skipped.push({ path: opts.path, reason: `line ${n}: ${reason}` });
    if (raw.trim() === '') return;
    if (!/^\s/.test(raw)) {
      finish();
      const read = readHeader(raw, n, headers);
      inBadEntry = typeof read === 'string';
      if (typeof read === 'string') skip(read);
      else draft = read;
      return;
    }
    if (draft === undefined) {
      if (!inBadEntry) skip(`"${clip(raw.trim())}" is outside any advisory`);
      return;
    }
    const problem = readBodyLine(raw.trim(), n, draft);
    if (problem !== undefined) skip(`${draft.id}: ${problem}`);
  });
  finish();
  return { advisories, skipped };
}

function readHeader(line: string, n: number, headers: Map<string, number>): Draft | string {
  const m = HEADER_RE.exec(line.trimEnd());
  if (m === null) return `not an advisory header: "${clip(line)}"`;
  const [, day = '', month = '', year = '', id = '', summary = ''] = m;
  const mi = MONTHS.indexOf(month);
  const d = new Date(Date.UTC(Number(year), mi, Number(day)));
  if (mi < 0 || d.getUTCDate() !== Number(day)) return `${id}: "${day} ${month} ${year}" is not a date`;
  const first = headers.get(id);
  if (first !== undefined) return `${id} repeats the entry of line ${first}`;
  headers.set(id, n);
  const date = `${d.toISOString().slice(0, 10)}T00:00:00Z`;
  return { id, summary: summary.trim(), date, related: [], affected: [], notAffected: [], seen: new Map() };
}

/** Reads one indented line into the draft; returns why it was not used, if it was not. */
function readBodyLine(t: string, n: number, draft: Draft): string | undefined {
  if (t.startsWith('NOTE:')) return undefined;
  if (t.startsWith('{')) {
    if (!t.endsWith('}')) return `unterminated id list "${clip(t)}"`;
    const bad = [];
    for (const id of t.slice(1, -1).split(/\s+/)) {
      if (id === '') continue;
      if (!ID_RE.test(id)) bad.push(id);
      else if (!draft.related.includes(id)) draft.related.push(id);
    }
    return bad.length === 0
      ? undefined
      : `${bad.map((b) => `"${clip(b)}"`).join(', ')} not a vulnerability id`;
  }
  const m = PACKAGE_RE.exec(t);
  if (m === null) return `unrecognised line "${clip(t)}"`;
  const [, release = '', name = '', rest = ''] = m;
  const ecosystem = debianEcosystem(release);
  if (ecosystem === undefined) return `unknown release "${clip(release)}"`;
  if (!SOURCE_NAME_RE.test(name)) return `"${clip(name)}" is not a Debian source package name`;
  const [state = '', remark = ''] = splitFirst(rest);
  if (state === '') return `${release} ${name}: no version or status`;
  if (remark !== '' && !remark.startsWith('('))
    return `${release} ${name}: unexpected text "${clip(remark)}"`;
  const key = `${ecosystem}\u0000${name}`;
  const earlier = draft.seen.get(key);
  if (earlier !== undefined) return `${release} ${name} repeats line ${earlier}`;
  const marker = /^<([a-z-]+)>$/.exec(state)?.[1];
  if (marker === 'not-affected') {
    draft.seen.set(key, n);
    draft.notAffected.push({ ecosystem, name });
    return undefined;
  }
  if (marker !== undefined && !UNFIXED.has(marker))
    return `${release} ${name}: unsupported status <${marker}>`;
  if (marker === undefined) {
    const v = debVersion.parse(state);
    if (!v.ok) return `${release} ${name}: "${clip(state)}" is not a Debian version (${v.error})`;
  }
  draft.seen.set(key, n);
  const severity = debianUrgency(
    remark
      .replace(/^\(|\)$/g, '')
      .split(';')
      .map((s) => s.trim())
      .find((s) => URGENCIES.has(s)),
  );
  draft.affected.push(
    distroAffected(ecosystem, name, marker === undefined ? state : undefined, {
      severity,
      ...(marker === undefined ? {} : { ecosystemSpecific: { status: marker } }),
    }),
  );
  return undefined;
}

function splitFirst(s: string): [string, string] {
  const m = /^(\S*)\s*(.*)$/.exec(s.trim());
  return [m?.[1] ?? '', m?.[2] ?? ''];
}

function toAdvisory(d: Draft, source: string): Advisory {
  return {
    id: d.id,
    aliases: [],
    related: d.related,
    ...(d.summary === '' ? {} : { summary: d.summary }),
    published: d.date,
    modified: d.date,
    severity: [],
    affected: d.affected,
    references: [{ type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${d.id}` }],
    source,
    ...(d.notAffected.length === 0 ? {} : { databaseSpecific: { notAffected: d.notAffected } }),
  };
}
