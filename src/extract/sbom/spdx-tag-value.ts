import { err, ok, type Result } from '../../core/result.ts';

type Json = Record<string, unknown>;

/** Appends to the array field `key` of `obj`, creating it. */
function append(obj: Json, key: string, item: Json): void {
  const list = obj[key];
  if (Array.isArray(list)) list.push(item);
  else obj[key] = [item];
}

/** Package tags → SPDX JSON field names (single-valued). */
const PACKAGE_FIELDS: Readonly<Record<string, string>> = {
  PackageVersion: 'versionInfo',
  PackageSupplier: 'supplier',
  PackageOriginator: 'originator',
  PackageLicenseConcluded: 'licenseConcluded',
  PackageLicenseDeclared: 'licenseDeclared',
  PackageSourceInfo: 'sourceInfo',
  PackageDescription: 'description',
  PackageSummary: 'summary',
  PrimaryPackagePurpose: 'primaryPackagePurpose',
};

/** `Tag: value` lines, a value in `<text>…</text>` possibly spanning lines. */
function* tagValues(text: string): Generator<{ tag: string; value: string; line: number }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^\s*([A-Za-z][\w-]*):\s?(.*)$/.exec(line);
    if (!m)
      throw new Error(`line ${i + 1}: expected "Tag: value", found ${JSON.stringify(line.slice(0, 60))}`);
    let value = m[2]!.trim();
    const start = i + 1;
    if (value.startsWith('<text>')) {
      let body = value.slice('<text>'.length);
      while (!body.includes('</text>')) {
        i++;
        if (i >= lines.length) throw new Error(`line ${start}: <text> is never closed`);
        body += `\n${lines[i]}`;
      }
      value = body.slice(0, body.indexOf('</text>'));
    }
    yield { tag: m[1]!, value, line: start };
  }
}

/**
 * Converts an SPDX 2.x tag-value document to the shape of SPDX JSON, as far as decodeSpdx reads
 * it: document fields, packages (name, SPDXID, version, supplier, licences, checksums, external
 * refs, purpose, annotations), relationships and extracted licences. File and snippet sections
 * are skipped. An error names the line that does not parse.
 */
export function parseSpdxTagValue(text: string): Result<Json, string> {
  const doc: Json = {};
  const packages: Json[] = [];
  const relationships: Json[] = [];
  const extracted: Json[] = [];
  const annotations: { ref?: string; comment?: string }[] = [];
  let section: 'document' | 'package' | 'other' | 'license' = 'document';
  let pkg: Json | undefined;
  let license: Json | undefined;
  try {
    for (const { tag, value, line } of tagValues(text)) {
      switch (tag) {
        case 'SPDXVersion':
          doc.spdxVersion = value;
          continue;
        case 'DocumentName':
          doc.name = value;
          continue;
        case 'PackageName':
          pkg = { name: value };
          packages.push(pkg);
          section = 'package';
          continue;
        case 'FileName':
        case 'SnippetSPDXID':
          section = 'other';
          continue;
        case 'LicenseID':
          license = { licenseId: value };
          extracted.push(license);
          section = 'license';
          continue;
        case 'Relationship': {
          const parts = value.split(/\s+/);
          if (parts.length < 3) throw new Error(`line ${line}: a Relationship needs three parts`);
          relationships.push({
            spdxElementId: parts[0],
            relationshipType: parts[1],
            relatedSpdxElement: parts[2],
          });
          continue;
        }
        case 'Annotator':
          annotations.push({});
          continue;
        case 'SPDXREF':
          if (annotations.length) annotations[annotations.length - 1]!.ref = value;
          continue;
        case 'AnnotationComment':
          if (annotations.length) annotations[annotations.length - 1]!.comment = value;
          continue;
      }
      if (tag === 'SPDXID') {
        if (section === 'document') doc.SPDXID = value;
        else if (section === 'package' && pkg) pkg.SPDXID = value;
      } else if (section === 'license' && license) {
        if (tag === 'LicenseName') license.name = value;
        if (tag === 'ExtractedText') license.extractedText = value;
      } else if (section === 'package' && pkg) {
        const field = PACKAGE_FIELDS[tag];
        if (field) pkg[field] = value;
        else if (tag === 'PackageChecksum') {
          const m = /^([\w-]+):\s*(\S+)$/.exec(value);
          if (m) append(pkg, 'checksums', { algorithm: m[1], checksumValue: m[2] });
        } else if (tag === 'ExternalRef') {
          const [category, type, ...locator] = value.split(/\s+/);
          append(pkg, 'externalRefs', {
            referenceCategory: category,
            referenceType: type,
            referenceLocator: locator.join(' '),
          });
        }
      }
    }
  } catch (e) {
    return err((e as Error).message);
  }
  const byId = new Map(packages.map((p) => [p.SPDXID, p]));
  for (const a of annotations) {
    const target = byId.get(a.ref);
    if (target && a.comment !== undefined) append(target, 'annotations', { comment: a.comment });
  }
  return ok({ ...doc, packages, relationships, hasExtractedLicensingInfos: extracted });
}
