import { isRecord } from '../../core/is-record.ts';
import { err, type Result } from '../../core/result.ts';
import { cycloneDxXmlToJson } from './cyclonedx-xml.ts';
import { decodeCycloneDx } from './decode-cyclonedx.ts';
import { decodeSpdx } from './decode-spdx.ts';
import type { SbomDocument } from './sbom-document.ts';
import { parseSpdxTagValue } from './spdx-tag-value.ts';

/** The bytes as text: UTF-8 or, with a byte order mark, UTF-16; an error for compressed or binary data. */
function decodeText(bytes: Uint8Array): Result<string, string> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return err('the file is gzip-compressed; decompress it first');
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, value: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, value: new TextDecoder('utf-16be').decode(bytes) };
  if (bytes.includes(0)) return err('the file is binary, not an SBOM');
  return { ok: true, value: new TextDecoder().decode(bytes) };
}

function withPrefix(result: Result<SbomDocument, string>, prefix: string): Result<SbomDocument, string> {
  return result.ok ? result : err(`${prefix}: ${result.error}`);
}

function parseJsonSbom(text: string): Result<SbomDocument, string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) return err('the JSON document is not an object, so neither CycloneDX nor SPDX');
  if ('bomFormat' in doc) return withPrefix(decodeCycloneDx(doc), 'invalid CycloneDX BOM');
  if ('spdxVersion' in doc) return withPrefix(decodeSpdx(doc), 'invalid SPDX document');
  if ('@context' in doc && JSON.stringify(doc['@context']).includes('spdx')) {
    return err('SPDX 3 (JSON-LD) is not supported; export SPDX 2.3 JSON instead');
  }
  if (Array.isArray(doc.artifacts) && isRecord(doc.schema)) {
    return err(
      "Syft's own JSON format is not supported; export CycloneDX or SPDX JSON (syft -o cyclonedx-json)",
    );
  }
  return err('neither CycloneDX (no "bomFormat" field) nor SPDX (no "spdxVersion" field)');
}

function parseXmlSbom(text: string): Result<SbomDocument, string> {
  if (/<(?:\w+:)?RDF[\s>]/.test(text.slice(0, 4096))) {
    return err('SPDX RDF/XML is not supported; convert it to SPDX JSON');
  }
  const json = cycloneDxXmlToJson(text);
  if (!json.ok) return json;
  return withPrefix(decodeCycloneDx(json.value), 'invalid CycloneDX BOM');
}

/**
 * Detects and decodes an SBOM: CycloneDX JSON or XML, SPDX 2.x JSON or tag-value. Pure: the
 * error says, in one line, why the bytes are not a usable SBOM (not JSON, neither format, a
 * structure of the wrong shape, a format we do not read such as SPDX 3 or Syft JSON).
 */
export function parseSbom(bytes: Uint8Array): Result<SbomDocument, string> {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.value.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') return err('the file is empty');
  if (start.startsWith('{') || start.startsWith('[')) return parseJsonSbom(text);
  if (start.startsWith('<')) return parseXmlSbom(text);
  if (/^\s*SPDXVersion:/m.test(text)) {
    const json = parseSpdxTagValue(text);
    if (!json.ok) return err(`invalid SPDX tag-value document: ${json.error}`);
    return withPrefix(decodeSpdx(json.value), 'invalid SPDX document');
  }
  return err('not an SBOM: neither JSON, XML nor SPDX tag-value');
}
