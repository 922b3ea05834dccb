import { isRecord } from '../../core/is-record.ts';
import { parseCycloneDxVex } from './parse-cyclonedx-vex.ts';
import { isOpenVexContext, parseOpenVex } from './parse-openvex.ts';
import { readInputFile } from './read-input-file.ts';
import { vexInvalid } from './vex-invalid.ts';
import type { VexStatements } from './vex-statement.ts';

/** Distro VEX feeds run to a few MB per CVE; anything far beyond is refused before parsing. */
export const VEX_MAX_BYTES = 128 * 1024 * 1024;

/**
 * Parses the text of a VEX document: OpenVEX (any `https://openvex.dev/ns…` context) or a
 * CycloneDX JSON BOM with `vulnerabilities[].analysis`. `source` names the file in messages and
 * in suppressions. Throws VEX_INVALID naming the file and the problem.
 */
export function parseVex(text: string, source: string): VexStatements {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw vexInvalid(
      source,
      '',
      `not valid JSON (${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')})`,
    );
  }
  if (!isRecord(doc)) throw vexInvalid(source, '', 'a VEX document must be a JSON object');
  if (isOpenVexContext(doc['@context'])) return parseOpenVex(doc, source);
  if (doc.bomFormat === 'CycloneDX') return parseCycloneDxVex(doc, source);
  if (isRecord(doc.document) && doc.document.category === 'csaf_vex') {
    throw vexInvalid(source, '', 'CSAF VEX is not supported; use OpenVEX or CycloneDX');
  }
  throw vexInvalid(
    source,
    '',
    'not a VEX document: neither an OpenVEX "@context" (https://openvex.dev/ns…) nor a CycloneDX "bomFormat"',
  );
}

/**
 * Reads and parses a VEX file (`--vex`); see parseVex. Throws INPUT_NOT_FOUND / INPUT_UNREADABLE
 * / FILE_TOO_LARGE for the file, VEX_INVALID for its content.
 */
export async function loadVex(path: string): Promise<VexStatements> {
  return parseVex(await readInputFile(path, 'VEX document', VEX_MAX_BYTES), path);
}
