import { isRecord } from '../../core/is-record.ts';
import { parseRfc3339 } from './parse-time.ts';
import { type PurlPattern, parsePurlPattern } from './purl-pattern.ts';
import { vexInvalid } from './vex-invalid.ts';
import type { VexProduct, VexStatement, VexStatements } from './vex-statement.ts';

const STATUSES = new Set(['not_affected', 'affected', 'fixed', 'under_investigation']);
const SUPPRESSING = new Set(['not_affected', 'fixed']);

/** True for the `@context` of every OpenVEX version (`…/ns`, `…/ns/v0.0.1`, `…/ns/v0.2.0`). */
export function isOpenVexContext(context: unknown): boolean {
  return typeof context === 'string' && /^https?:\/\/openvex\.dev\/ns(\/|$)/.test(context);
}

/**
 * Reads the statements of a parsed OpenVEX document. Both shapes are accepted: v0.2.0 (objects:
 * `vulnerability: {name, @id, aliases}`, `products: [{@id, identifiers, subcomponents}]`) and
 * the older `https://openvex.dev/ns` one (`vulnerability: "CVE-…"`, `products: ["pkg:…"]`,
 * statement-level `subcomponents`). A statement's time is its `last_updated`, else its
 * `timestamp`, else the document's. Products without a purl are kept only to scope their
 * subcomponents; an unparseable purl is skipped with a warning. Throws VEX_INVALID naming the
 * file and the statement for a wrong shape, an unknown status or a bad timestamp.
 */
export function parseOpenVex(doc: Readonly<Record<string, unknown>>, source: string): VexStatements {
  const warnings: string[] = [];
  const time = (v: unknown, where: string): number | undefined => {
    if (v === undefined || v === null || v === '') return undefined;
    const ms = typeof v === 'string' ? parseRfc3339(v) : undefined;
    if (ms === undefined)
      throw vexInvalid(source, where, `${JSON.stringify(v)} is not an RFC 3339 timestamp`);
    return ms;
  };
  const docTime = time(doc.last_updated, 'last_updated') ?? time(doc.timestamp, 'timestamp');
  if (!Array.isArray(doc.statements))
    throw vexInvalid(source, '', 'OpenVEX document without a "statements" list');

  const purlOf = (c: unknown, where: string): { purl?: PurlPattern; named: boolean } => {
    let text: unknown;
    if (typeof c === 'string') text = c;
    else if (isRecord(c)) {
      const id = c['@id'];
      text =
        typeof id === 'string' && id.startsWith('pkg:')
          ? id
          : isRecord(c.identifiers)
            ? c.identifiers.purl
            : undefined;
      if (text === undefined) return { named: typeof id === 'string' || isRecord(c.identifiers) };
    } else throw vexInvalid(source, where, 'a product must be an object or a string');
    if (typeof text !== 'string') throw vexInvalid(source, where, 'a purl must be a string');
    if (!text.startsWith('pkg:')) return { named: true };
    const p = parsePurlPattern(text);
    if (!p.ok) {
      warnings.push(`${source}: ${where}: ${p.error}; product skipped`);
      return { named: false };
    }
    return { purl: p.value, named: true };
  };

  const statements: VexStatement[] = [];
  doc.statements.forEach((s: unknown, i) => {
    const at = `statements[${i}]`;
    if (!isRecord(s)) throw vexInvalid(source, at, 'a statement must be an object');
    const { name, aliases } = vulnerabilityOf(s.vulnerability, source, at);
    const status = s.status;
    if (typeof status !== 'string' || !STATUSES.has(status)) {
      throw vexInvalid(
        source,
        `${at}.status`,
        `${JSON.stringify(status)} is not an OpenVEX status (${[...STATUSES].join(', ')})`,
      );
    }
    if (s.products !== undefined && !Array.isArray(s.products)) {
      throw vexInvalid(source, `${at}.products`, 'must be a list');
    }
    if (s.subcomponents !== undefined && !Array.isArray(s.subcomponents)) {
      throw vexInvalid(source, `${at}.subcomponents`, 'must be a list');
    }
    // v0.0.1 puts subcomponents on the statement: they apply to each of its products.
    const shared = ((s.subcomponents as unknown[] | undefined) ?? []).flatMap((c, j) => {
      const p = purlOf(c, `${at}.subcomponents[${j}]`).purl;
      return p ? [p] : [];
    });
    const products: VexProduct[] = [];
    ((s.products as unknown[] | undefined) ?? []).forEach((c, j) => {
      const where = `${at}.products[${j}]`;
      const { purl, named } = purlOf(c, where);
      const subs = [...shared];
      if (isRecord(c) && c.subcomponents !== undefined) {
        if (!Array.isArray(c.subcomponents))
          throw vexInvalid(source, `${where}.subcomponents`, 'must be a list');
        c.subcomponents.forEach((sc: unknown, k) => {
          const p = purlOf(sc, `${where}.subcomponents[${k}]`).purl;
          if (p) subs.push(p);
        });
      }
      if (purl) products.push({ purl, subcomponents: subs });
      else if (named && subs.length > 0) products.push({ subcomponents: subs });
      else warnings.push(`${source}: ${where}: no purl to match packages by; product skipped`);
    });
    if (products.length === 0) {
      warnings.push(`${source}: ${at} (${name}): no product with a purl; statement skipped`);
      return;
    }
    const reason =
      [s.justification, s.impact_statement].filter((x) => typeof x === 'string' && x !== '').join(': ') ||
      (typeof s.status_notes === 'string' && s.status_notes !== '' ? s.status_notes : status);
    const when =
      time(s.last_updated, `${at}.last_updated`) ?? time(s.timestamp, `${at}.timestamp`) ?? docTime;
    const base = {
      format: 'openvex' as const,
      vulnerability: name,
      aliases,
      products,
      status,
      suppresses: SUPPRESSING.has(status),
      reason: String(reason),
      source,
    };
    statements.push(when === undefined ? base : { ...base, time: when });
  });
  return { statements, warnings };
}

function vulnerabilityOf(v: unknown, source: string, at: string): { name: string; aliases: string[] } {
  if (typeof v === 'string' && v !== '') return { name: v, aliases: [] };
  if (!isRecord(v))
    throw vexInvalid(source, `${at}.vulnerability`, 'must be an object with a "name" (or a string)');
  const id = typeof v['@id'] === 'string' && v['@id'] !== '' ? v['@id'] : undefined;
  const name = typeof v.name === 'string' && v.name !== '' ? v.name : id;
  if (name === undefined) throw vexInvalid(source, `${at}.vulnerability`, 'has neither "name" nor "@id"');
  if (
    v.aliases !== undefined &&
    (!Array.isArray(v.aliases) || !v.aliases.every((a) => typeof a === 'string'))
  ) {
    throw vexInvalid(source, `${at}.vulnerability.aliases`, 'must be a list of strings');
  }
  const aliases = [...((v.aliases as string[] | undefined) ?? [])];
  if (id !== undefined && id !== name) aliases.push(id);
  return { name, aliases };
}
