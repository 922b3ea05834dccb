import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { advisorySource } from './advisory-source.ts';
import type { EncodeOptions } from './encoder.ts';
import { sortFindings } from './finding-order.ts';
import { imagePurl } from './image-purl.ts';
import { remediation } from './remediation.ts';
import {
  asOpenVexJustification,
  asOpenVexStatus,
  type OpenVexJustification,
  type OpenVexStatus,
  parseReason,
} from './vex-justification.ts';

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

export type { OpenVexStatus };

export interface OpenVexComponent {
  '@id': string;
}

export interface OpenVexProduct extends OpenVexComponent {
  subcomponents?: OpenVexComponent[];
}

export interface OpenVexStatement {
  vulnerability: { '@id'?: string; name: string; description?: string; aliases?: string[] };
  products: OpenVexProduct[];
  status: OpenVexStatus;
  status_notes?: string;
  justification?: OpenVexJustification;
  impact_statement?: string;
  action_statement?: string;
}

export interface OpenVexDocument {
  '@context': typeof OPENVEX_CONTEXT;
  '@id': string;
  author: 'Bulwark';
  timestamp: string;
  version: 1;
  tooling: string;
  statements: OpenVexStatement[];
}

/** RFC 4122 name-based UUID (version 5, SHA-1) of `name` in the URL namespace. */
function uuidV5(name: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const b = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The same scan (target, image digest, finish time) always gets the same document id. */
function documentId(scan: ScanResult): string {
  const params = new URLSearchParams({
    kind: scan.target.kind,
    name: scan.target.name,
    digest: scan.image?.manifestDigest ?? scan.image?.configDigest ?? '',
    createdAt: scan.createdAt,
  });
  return `urn:uuid:${uuidV5(`https://bulwark.invalid/openvex?${params}`)}`;
}

type Verdict = Pick<
  OpenVexStatement,
  'status' | 'status_notes' | 'justification' | 'impact_statement' | 'action_statement'
>;

/**
 * `not_affected` needs a justification or an impact statement: the label when the reason has one
 * (a CycloneDX label folds into a coarser OpenVEX one, so the original stays in the statement),
 * the reason's text as the impact statement, or failing both, who said so.
 */
function notAffected(status: string, reason: string, source: string): Verdict {
  const { label, text } = parseReason(reason);
  const justification = asOpenVexJustification(label);
  const impact =
    [justification !== label ? label : undefined, text !== status ? text : undefined]
      .filter(Boolean)
      .join(': ') || undefined;
  return {
    status: 'not_affected',
    status_notes: `From the VEX statement in ${source}${status === 'not_affected' ? '' : ` (${status})`}`,
    ...(justification ? { justification } : {}),
    ...(impact || !justification
      ? { impact_statement: impact ?? `Not affected according to ${source}` }
      : {}),
  };
}

/** What a finding says in VEX terms: only what the scan knows, nothing inferred. */
function verdict(f: Finding): Verdict {
  const s = f.suppressed;
  const affected = { status: 'affected' as const, action_statement: remediation(f) };
  if (!s) return affected;
  // An ignore rule hides a finding from the user; it does not make the product unaffected.
  if (s.kind === 'ignore') return { ...affected, status_notes: `Ignored by ${s.source}: ${s.reason}` };
  const status = asOpenVexStatus(s.status);
  if (status === 'not_affected') return notAffected(s.status, s.reason, s.source);
  const notes = `From the VEX statement in ${s.source}`;
  if (status === 'fixed' || status === 'under_investigation') return { status, status_notes: notes };
  return { ...affected, status_notes: notes };
}

/**
 * The scan's findings as an OpenVEX v0.2.0 document (docs/openvex.md): one statement per finding
 * (identical ones once), in finding order. The product is the package's purl, or for an image
 * with a purl the image, with the package as subcomponent. `affected` with an action statement
 * for open and ignored findings; `not_affected` (justification, else impact statement), `fixed` or
 * `under_investigation` as the suppressing VEX statement said. Findings of packages without a
 * purl cannot be named and are left out.
 */
export function toOpenVex(scan: ScanResult): OpenVexDocument {
  const image = scan.image && imagePurl(scan.image);
  const seen = new Set<string>();
  const statements: OpenVexStatement[] = [];
  for (const f of sortFindings(scan.vulnerabilities?.findings ?? [])) {
    const purl = f.package.purl;
    if (!purl) continue;
    const url = advisorySource(f.id)?.url;
    const statement: OpenVexStatement = {
      vulnerability: {
        ...(url ? { '@id': url } : {}),
        name: f.id,
        ...(f.title ? { description: f.title } : {}),
        ...(f.aliases.length ? { aliases: [...f.aliases] } : {}),
      },
      products: image ? [{ '@id': image, subcomponents: [{ '@id': purl }] }] : [{ '@id': purl }],
      ...verdict(f),
    };
    const key = JSON.stringify(statement);
    if (seen.has(key)) continue;
    seen.add(key);
    statements.push(statement);
  }
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': documentId(scan),
    author: 'Bulwark',
    timestamp: scan.createdAt,
    version: 1,
    tooling: `${scan.tool.name} ${scan.tool.version}`,
    statements,
  };
}

/** `--format openvex`: toOpenVex, pretty-printed, newline-terminated. */
export function encodeOpenVex(result: ScanResult, _opts?: EncodeOptions): string {
  return `${JSON.stringify(toOpenVex(result), null, 2)}\n`;
}
