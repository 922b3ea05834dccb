/**
 * FIRST's Exploit Prediction Scoring System scores (https://www.first.org/epss/data_stats), as CSV
 * in two shapes:
 * - FIRST's daily file (`epss_scores-YYYY-MM-DD.csv`): a comment line
 *   `#model_version:v2025.03.14,score_date:2025-03-20T12:55:00Z`, the header `cve,epss,percentile`,
 *   then `CVE-…,0.00043,0.11954` rows;
 * - per-year split files (`CVE_2021_EPSS.csv`, as mirrored by EMBA): no comment, no header,
 *   `CVE-…;0.999990000;1.000000000` rows separated by semicolons.
 * The delimiter is taken per line (`;` when the line has one, else `,`). Pure: lines in, scores out.
 */

/** One CVE's score. Both numbers are in [0, 1]. */
export interface EpssScore {
  /** `CVE-YYYY-NNNN…`, upper case. */
  readonly cve: string;
  /** Probability of exploitation activity in the next 30 days. */
  readonly epss: number;
  /** Share of scored CVEs with an equal or lower score. */
  readonly percentile: number;
}

/** What the daily file's leading comment says; absent in the split files. */
export interface EpssMeta {
  readonly modelVersion?: string;
  /** As written (`2025-03-20T12:55:00Z`, older files `2023-03-28T00:00:00+0000`). */
  readonly scoreDate?: string;
}

/** The reading of one line. */
export type EpssLine =
  | { readonly kind: 'score'; readonly score: EpssScore }
  | { readonly kind: 'meta'; readonly meta: EpssMeta }
  | { readonly kind: 'comment' }
  | { readonly kind: 'header' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface EpssReadOptions {
  /** Warnings kept at most (default 100); the rest are counted in `warningsOmitted`. */
  readonly maxWarnings?: number;
}

/** Filled in while `readEpssScores` runs; complete once its iteration ends. */
export interface EpssReport {
  meta: EpssMeta | undefined;
  /** Lines read, blank ones included. */
  lines: number;
  /** Valid score rows yielded. */
  scores: number;
  /** `line N: reason`, at most `maxWarnings` of them. */
  readonly warnings: string[];
  warningsOmitted: number;
}

export interface ParsedEpss {
  readonly meta: EpssMeta | undefined;
  readonly scores: EpssScore[];
  readonly lines: number;
  readonly warnings: string[];
  readonly warningsOmitted: number;
}

const CVE_RE = /^CVE-\d{4}-\d{4,19}$/;
const DECIMAL_RE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const DEFAULT_MAX_WARNINGS = 100;

/** Reads one line (a trailing CR and a leading BOM are ignored). Never throws. */
export function parseEpssLine(line: string): EpssLine {
  let s = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  s = s.trim();
  if (s === '') return { kind: 'blank' };
  if (s.startsWith('#')) return readComment(s.slice(1));
  const sep = s.includes(';') ? ';' : ',';
  const parts = s.split(sep).map((p) => p.trim());
  if (parts.length === 3 && parts[0]!.toLowerCase() === 'cve' && parts[1]!.toLowerCase() === 'epss') {
    if (parts[2]!.toLowerCase() === 'percentile') return { kind: 'header' };
  }
  if (parts.length !== 3) {
    return invalid(`expected 3 '${sep}'-separated fields, found ${parts.length}: '${clip(s)}'`);
  }
  const cve = parts[0]!.toUpperCase();
  if (!CVE_RE.test(cve)) return invalid(`'${clip(parts[0]!)}' is not a CVE id`);
  const epss = unit(parts[1]!);
  if (typeof epss === 'string') return invalid(`${cve}: epss ${epss}`);
  const percentile = unit(parts[2]!);
  if (typeof percentile === 'string') return invalid(`${cve}: percentile ${percentile}`);
  return { kind: 'score', score: { cve, epss, percentile } };
}

/**
 * Yields the valid scores of a stream of lines (sync or async iterable, without or with line
 * endings), in order; everything else is recorded in `report` (create it with `newEpssReport()`).
 * Bad lines become `line N: …` warnings (capped); it never throws on bad data. Duplicate CVEs are
 * not detected (that would need memory proportional to the file).
 */
export async function* readEpssScores(
  lines: AsyncIterable<string> | Iterable<string>,
  report: EpssReport,
  options: EpssReadOptions = {},
): AsyncGenerator<EpssScore, void, undefined> {
  const max = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  const warn = (w: string) => {
    if (report.warnings.length < max) report.warnings.push(w);
    else report.warningsOmitted++;
  };
  let sawData = false;
  for await (const raw of lines) {
    const n = ++report.lines;
    const r = parseEpssLine(raw.endsWith('\n') ? raw.slice(0, -1) : raw);
    switch (r.kind) {
      case 'score':
        sawData = true;
        report.scores++;
        yield r.score;
        break;
      case 'meta':
        if (sawData || report.meta !== undefined) warn(`line ${n}: model comment after the start ignored`);
        else report.meta = r.meta;
        break;
      case 'header':
        if (sawData) warn(`line ${n}: header row after data ignored`);
        break;
      case 'invalid':
        sawData = true;
        warn(`line ${n}: ${r.reason}`);
        break;
      case 'comment':
      case 'blank':
        break;
    }
  }
}

export function newEpssReport(): EpssReport {
  return { meta: undefined, lines: 0, scores: 0, warnings: [], warningsOmitted: 0 };
}

/** Collects `readEpssScores` into one array (about 360k scores for the full feed). */
export async function parseEpssLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: EpssReadOptions = {},
): Promise<ParsedEpss> {
  const report = newEpssReport();
  const scores: EpssScore[] = [];
  for await (const s of readEpssScores(lines, report, options)) scores.push(s);
  const { meta, lines: count, warnings, warningsOmitted } = report;
  return { meta, scores, lines: count, warnings, warningsOmitted };
}

/** Whole text in memory: splits it into lines and runs `parseEpssLines`. */
export function parseEpssText(text: string, options: EpssReadOptions = {}): Promise<ParsedEpss> {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return parseEpssLines(lines, options);
}

function readComment(body: string): EpssLine {
  const fields = new Map<string, string>();
  for (const part of body.split(',')) {
    const at = part.indexOf(':');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const modelVersion = fields.get('model_version');
  const scoreDate = fields.get('score_date');
  if (modelVersion === undefined && scoreDate === undefined) return { kind: 'comment' };
  return {
    kind: 'meta',
    meta: {
      ...(modelVersion ? { modelVersion } : {}),
      ...(scoreDate ? { scoreDate } : {}),
    },
  };
}

/** A number in [0, 1], or the reason it is not one. */
function unit(text: string): number | string {
  if (!DECIMAL_RE.test(text)) return `'${clip(text)}' is not a number`;
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0 || v > 1) return `${text} is outside [0, 1]`;
  return v;
}

function invalid(reason: string): EpssLine {
  return { kind: 'invalid', reason };
}

function clip(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
