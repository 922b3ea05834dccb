import { isRecord } from '../../core/is-record.ts';
import { parseRfc3339 } from './parse-time.ts';
import { type PurlPattern, parsePurlPattern } from './purl-pattern.ts';
import { vexInvalid } from './vex-invalid.ts';
import type { VexStatement, VexStatements } from './vex-statement.ts';

const STATES = new Set([
  'not_affected',
  'false_positive',
  'resolved',
  'resolved_with_pedigree',
  'exploitable',
  'in_triage',
]);
const SUPPRESSING = new Set(['not_affected', 'false_positive', 'resolved', 'resolved_with_pedigree']);

/** Every component of the BOM (metadata.component, components, nested components), by bom-ref. */
function componentsByRef(doc: Readonly<Record<string, unknown>>): Map<string, Record<string, unknown>> {
  const byRef = new Map<string, Record<string, unknown>>();
  const stack: unknown[] = [];
  if (isRecord(doc.metadata)) stack.push(doc.metadata.component);
  if (Array.isArray(doc.components)) stack.push(...doc.components);
  // Iterative: a hostile BOM may nest components deeper than the call stack.
  while (stack.length > 0) {
    const c = stack.pop();
    if (!isRecord(c)) continue;
    if (typeof c['bom-ref'] === 'string') byRef.set(c['bom-ref'], c);
    if (Array.isArray(c.components)) stack.push(...c.components);
  }
  return byRef;
}

/**
 * Reads the VEX statements of a parsed CycloneDX JSON BOM (1.4+): each `vulnerabilities[]` entry
 * with an `analysis.state` is one statement about the components in its `affects[].ref`. A ref is
 * resolved as the bom-ref of a component of this BOM (its purl is used), a purl, or a BOM-Link
 * (`urn:cdx:<serial>/<version>#<bom-ref>`: resolved here when the serial is this BOM's, else
 * used when the bom-ref is a purl). Unresolvable refs and entries without `analysis.state` are
 * skipped with a warning. `affects[].versions` is not read: the analysis is the assertion.
 * The time is `analysis.lastUpdated`, else `firstIssued`, else the vulnerability's `updated`,
 * `published`, else the BOM's `metadata.timestamp`. Throws VEX_INVALID naming the file and the
 * entry for a wrong shape, an unknown state or a bad timestamp.
 */
export function parseCycloneDxVex(doc: Readonly<Record<string, unknown>>, source: string): VexStatements {
  if (!Array.isArray(doc.vulnerabilities)) {
    throw vexInvalid(source, '', 'CycloneDX BOM without a "vulnerabilities" list: not a VEX document');
  }
  const warnings: string[] = [];
  const time = (v: unknown, where: string): number | undefined => {
    if (v === undefined || v === null || v === '') return undefined;
    const ms = typeof v === 'string' ? parseRfc3339(v) : undefined;
    if (ms === undefined)
      throw vexInvalid(source, where, `${JSON.stringify(v)} is not an RFC 3339 timestamp`);
    return ms;
  };
  const bomTime = isRecord(doc.metadata) ? time(doc.metadata.timestamp, 'metadata.timestamp') : undefined;
  const serial =
    typeof doc.serialNumber === 'string' ? doc.serialNumber.replace(/^urn:uuid:/i, '') : undefined;
  const components = componentsByRef(doc);

  const resolve = (ref: string, where: string): PurlPattern | undefined => {
    let target = ref;
    const link = /^urn:cdx:([^/#]+)\/[^#]*#(.+)$/.exec(ref);
    if (link) {
      let fragment: string;
      try {
        fragment = decodeURIComponent(link[2]!);
      } catch {
        fragment = link[2]!;
      }
      if (serial === undefined || link[1]!.toLowerCase() !== serial.toLowerCase()) {
        if (!fragment.startsWith('pkg:')) {
          warnings.push(
            `${source}: ${where}: BOM-Link ${ref} points into another BOM and is not a purl; skipped`,
          );
          return undefined;
        }
      }
      target = fragment;
    }
    const component = components.get(target);
    const purl = component ? component.purl : target.startsWith('pkg:') ? target : undefined;
    if (typeof purl !== 'string') {
      const why = component
        ? `component "${target}" has no purl`
        : `"${target}" is neither a bom-ref of this BOM nor a purl`;
      warnings.push(`${source}: ${where}: ${why}; skipped`);
      return undefined;
    }
    const p = parsePurlPattern(purl);
    if (!p.ok) {
      warnings.push(`${source}: ${where}: ${p.error}; skipped`);
      return undefined;
    }
    return p.value;
  };

  const statements: VexStatement[] = [];
  let withoutAnalysis = 0;
  doc.vulnerabilities.forEach((v: unknown, i) => {
    const at = `vulnerabilities[${i}]`;
    if (!isRecord(v)) throw vexInvalid(source, at, 'a vulnerability must be an object');
    const analysis = v.analysis;
    if (analysis === undefined || (isRecord(analysis) && analysis.state === undefined)) {
      withoutAnalysis++;
      return;
    }
    if (!isRecord(analysis)) throw vexInvalid(source, `${at}.analysis`, 'must be an object');
    const state = analysis.state;
    if (typeof state !== 'string' || !STATES.has(state)) {
      throw vexInvalid(
        source,
        `${at}.analysis.state`,
        `${JSON.stringify(state)} is not a CycloneDX analysis state (${[...STATES].join(', ')})`,
      );
    }
    if (typeof v.id !== 'string' || v.id === '')
      throw vexInvalid(source, `${at}.id`, 'is required for a VEX entry');
    const aliases: string[] = [];
    if (Array.isArray(v.references)) {
      for (const r of v.references)
        if (isRecord(r) && typeof r.id === 'string' && r.id !== '') aliases.push(r.id);
    }
    if (v.affects !== undefined && !Array.isArray(v.affects))
      throw vexInvalid(source, `${at}.affects`, 'must be a list');
    const purls: PurlPattern[] = [];
    ((v.affects as unknown[] | undefined) ?? []).forEach((a, j) => {
      const where = `${at}.affects[${j}]`;
      if (!isRecord(a) || typeof a.ref !== 'string')
        throw vexInvalid(source, where, 'must be an object with a "ref"');
      const p = resolve(a.ref, where);
      if (p) purls.push(p);
    });
    if (purls.length === 0) {
      warnings.push(`${source}: ${at} (${v.id}): no affected component with a purl; entry skipped`);
      return;
    }
    const reason =
      [analysis.justification, analysis.detail].filter((x) => typeof x === 'string' && x !== '').join(': ') ||
      state;
    const when =
      time(analysis.lastUpdated, `${at}.analysis.lastUpdated`) ??
      time(analysis.firstIssued, `${at}.analysis.firstIssued`) ??
      time(v.updated, `${at}.updated`) ??
      time(v.published, `${at}.published`) ??
      bomTime;
    const base = {
      format: 'cyclonedx' as const,
      vulnerability: v.id,
      aliases,
      products: purls.map((purl) => ({ purl, subcomponents: [] })),
      status: state,
      suppresses: SUPPRESSING.has(state),
      reason,
      source,
    };
    statements.push(when === undefined ? base : { ...base, time: when });
  });
  if (statements.length === 0 && withoutAnalysis > 0) {
    warnings.push(`${source}: no vulnerability has an analysis.state: the BOM makes no VEX statement`);
  }
  return { statements, warnings };
}
