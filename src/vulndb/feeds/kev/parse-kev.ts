import { isRecord } from '../../../core/is-record.ts';
import { err, ok, type Result } from '../../../core/result.ts';

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalog
 * (https://www.cisa.gov/known-exploited-vulnerabilities-catalog), field names as in its JSON schema
 * except `cveID`, which becomes `cveId`.
 */
export interface KevRecord {
  /** `CVE-YYYY-NNNN…`, upper case. */
  readonly cveId: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  /** ISO calendar date `YYYY-MM-DD` the entry was added. */
  readonly dateAdded: string;
  readonly shortDescription: string;
  readonly requiredAction: string;
  /** ISO calendar date `YYYY-MM-DD` the required action is due (federal agencies). */
  readonly dueDate: string;
  /** `Known`, or `Unknown` (also when absent, or when the value is unrecognised, with a warning). */
  readonly knownRansomwareCampaignUse: KevRansomwareUse;
  /** As written; empty when there are none. */
  readonly notes: string;
  /** `CWE-N…` identifiers; entries not of that form are dropped with a warning. */
  readonly cwes: readonly string[];
}

export type KevRansomwareUse = 'Known' | 'Unknown';

/** Catalog metadata: present in the JSON document only. */
export interface KevCatalogInfo {
  readonly title?: string;
  readonly catalogVersion: string;
  /** As written (`2025-08-25T17:04:19.9796Z`). */
  readonly dateReleased: string;
  /** The catalog's own `count`; a mismatch with the entries read is reported as a warning. */
  readonly count: number;
}

export interface ParsedKev {
  readonly records: KevRecord[];
  readonly warnings: string[];
}

export interface ParsedKevCatalog extends ParsedKev {
  readonly catalog: KevCatalogInfo;
}

const CVE_RE = /^CVE-\d{4}-\d{4,19}$/;
const CWE_RE = /^CWE-\d+$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Fields the schema requires of every entry (shortDescription included). */
const REQUIRED = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'shortDescription',
  'requiredAction',
  'dueDate',
] as const;
const CSV_COLUMNS = [...REQUIRED, 'knownRansomwareCampaignUse', 'notes', 'cwes'] as const;

/**
 * Parses the KEV catalog JSON (`known_exploited_vulnerabilities.json`). A document that is not JSON,
 * or lacks the catalog's required `catalogVersion`, `dateReleased`, `count` and `vulnerabilities`,
 * is an error. A malformed entry is skipped with a warning naming its index; the others are kept.
 * A repeated CVE keeps its first entry (warning). Never throws.
 */
export function parseKevJson(input: string | Uint8Array): Result<ParsedKevCatalog> {
  let doc: unknown;
  try {
    doc = JSON.parse(toText(input));
  } catch (e) {
    return err(`not a KEV catalog: invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(doc)) return err('not a KEV catalog: the document is not a JSON object');
  const { catalogVersion, dateReleased, count, vulnerabilities, title } = doc;
  if (!Array.isArray(vulnerabilities)) return err('not a KEV catalog: no "vulnerabilities" array');
  if (typeof catalogVersion !== 'string') return err('not a KEV catalog: no "catalogVersion" string');
  if (typeof dateReleased !== 'string') return err('not a KEV catalog: no "dateReleased" string');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    return err('not a KEV catalog: "count" is not a non-negative integer');
  }
  const warnings: string[] = [];
  if (Number.isNaN(Date.parse(dateReleased))) {
    warnings.push(`dateReleased '${clip(dateReleased)}' is not a date-time`);
  }
  const records: KevRecord[] = [];
  const seen = new Set<string>();
  vulnerabilities.forEach((raw, i) => {
    const where = `vulnerabilities[${i}]`;
    if (!isRecord(raw)) {
      warnings.push(`${where} skipped: not an object`);
      return;
    }
    add(toRecord(raw, where, warnings), where, records, seen, warnings);
  });
  if (count !== vulnerabilities.length) {
    warnings.push(`catalog count ${count} differs from the ${vulnerabilities.length} entries present`);
  }
  const catalog: KevCatalogInfo = {
    ...(typeof title === 'string' ? { title } : {}),
    catalogVersion,
    dateReleased,
    count,
  };
  return ok({ catalog, records, warnings });
}

/**
 * Parses the KEV catalog CSV (`known_exploited_vulnerabilities.csv`, RFC 4180 quoting, header row
 * first; `cwes` holds a comma-separated list). Text whose header lacks the KEV columns is an error.
 * A malformed row is skipped with a warning naming its index (0-based, as in the JSON) and line.
 * The CSV carries no catalog metadata. Never throws.
 */
export function parseKevCsv(input: string | Uint8Array): Result<ParsedKev> {
  const rows = parseCsv(toText(input));
  const header = rows[0];
  if (!header) return err('not a KEV catalog: empty CSV');
  const names = header.fields.map((f) => f.trim());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return err(`not a KEV catalog: CSV header lacks ${missing.join(', ')}`);
  const index = new Map(names.map((n, i) => [n, i]));
  const warnings: string[] = [];
  if (header.unterminated) warnings.push(`line ${header.line}: unterminated quoted field`);
  const records: KevRecord[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.fields.length === 1 && row.fields[0] === '') continue; // blank line
    const where = `row ${r - 1} (line ${row.line})`;
    if (row.unterminated) {
      warnings.push(`${where} skipped: unterminated quoted field`);
      continue;
    }
    if (row.fields.length !== names.length) {
      warnings.push(`${where} skipped: ${row.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const [name, i] of index) raw[name] = row.fields[i];
    const cwes = raw.cwes;
    raw.cwes =
      typeof cwes === 'string'
        ? cwes
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        : [];
    add(toRecord(raw, where, warnings), where, records, seen, warnings);
  }
  return ok({ records, warnings });
}

function add(
  r: KevRecord | string,
  where: string,
  records: KevRecord[],
  seen: Set<string>,
  warnings: string[],
): void {
  if (typeof r === 'string') warnings.push(`${where} skipped: ${r}`);
  else if (seen.has(r.cveId)) warnings.push(`${where} skipped: ${r.cveId} repeats an earlier entry`);
  else {
    seen.add(r.cveId);
    records.push(r);
  }
}

/** Validates one entry; returns the reason when it is malformed. Minor problems go to `warnings`. */
function toRecord(raw: Record<string, unknown>, where: string, warnings: string[]): KevRecord | string {
  for (const key of REQUIRED) {
    if (typeof raw[key] !== 'string') return `"${key}" is missing or not a string`;
  }
  const s = raw as Record<(typeof REQUIRED)[number], string>;
  const cveId = s.cveID.trim().toUpperCase();
  if (!CVE_RE.test(cveId)) return `cveID '${clip(s.cveID)}' is not a CVE id`;
  const dateAdded = s.dateAdded.trim();
  if (!isIsoDate(dateAdded)) return `${cveId}: dateAdded '${clip(s.dateAdded)}' is not a YYYY-MM-DD date`;
  const dueDate = s.dueDate.trim();
  if (!isIsoDate(dueDate)) return `${cveId}: dueDate '${clip(s.dueDate)}' is not a YYYY-MM-DD date`;

  const { notes, cwes, knownRansomwareCampaignUse: use } = raw;
  if (notes !== undefined && typeof notes !== 'string') return `${cveId}: "notes" is not a string`;
  if (use !== undefined && typeof use !== 'string') {
    return `${cveId}: "knownRansomwareCampaignUse" is not a string`;
  }
  if (cwes !== undefined && !Array.isArray(cwes)) return `${cveId}: "cwes" is not an array`;
  const goodCwes: string[] = [];
  for (const c of cwes ?? []) {
    if (typeof c === 'string' && CWE_RE.test(c.trim())) goodCwes.push(c.trim());
    else warnings.push(`${where} (${cveId}): cwe ${clip(JSON.stringify(c) ?? String(c))} dropped`);
  }
  let ransomware: KevRansomwareUse = 'Unknown';
  const u = use?.trim().toLowerCase();
  if (u === 'known') ransomware = 'Known';
  else if (u !== undefined && u !== 'unknown') {
    warnings.push(`${where} (${cveId}): knownRansomwareCampaignUse '${clip(use ?? '')}' read as Unknown`);
  }
  return {
    cveId,
    vendorProject: s.vendorProject,
    product: s.product,
    vulnerabilityName: s.vulnerabilityName,
    dateAdded,
    shortDescription: s.shortDescription,
    requiredAction: s.requiredAction,
    dueDate,
    knownRansomwareCampaignUse: ransomware,
    notes: notes ?? '',
    cwes: goodCwes,
  };
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

interface CsvRow {
  readonly fields: string[];
  /** 1-based line the row starts on. */
  readonly line: number;
  readonly unterminated: boolean;
}

/** RFC 4180 CSV: quoted fields may hold commas, `""` and line breaks; CRLF or LF rows. */
function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  const endRow = (unterminated: boolean) => {
    fields.push(field);
    rows.push({ fields, line: rowLine, unterminated });
    fields = [];
    field = '';
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      // Quoted field: read to the closing quote.
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const q = text[j]!;
        if (q === '"') {
          if (text[j + 1] === '"') {
            field += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        j++;
      }
      i = j;
      if (!closed) {
        endRow(true);
        return rows;
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRow(false);
      line++;
      rowLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRow(false);
  return rows;
}

function toText(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function clip(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
