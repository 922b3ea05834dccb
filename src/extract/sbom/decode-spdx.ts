import { isRecord } from '../../core/is-record.ts';
import type { PackageHash } from '../../core/package.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { InvalidSbom, records, text } from './document-shape.ts';
import { parsePurl } from './parse-purl.ts';
import type { SbomDocument, SbomEdge, SbomElement } from './sbom-document.ts';
import { splitLicenseExpression } from './sbom-licenses.ts';
import { propertyMap, splitAnnotation } from './sbom-properties.ts';

const CHECKSUM_ALGS: Readonly<Record<string, PackageHash['alg']>> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA512: 'SHA-512',
};

/** Relationship types that make the related element depend on the element (`B DEPENDENCY_OF A`: A depends on B). */
const DEPENDENCY_OF = /^(?:[A-Z]+_)?DEPENDENCY_OF$/;

/** `Organization: Name (email)` / `Person: …` as `Name <email>`; undefined for NOASSERTION. */
function agent(v: unknown): string | undefined {
  const m = /^(?:Person|Organization|Tool):\s*(.*?)\s*(?:\(([^()]*)\))?\s*$/.exec(text(v) ?? '');
  if (!m) return undefined;
  const name = m[1] || undefined;
  const email = m[2]?.trim() || undefined;
  return name && email ? `${name} <${email}>` : (name ?? (email ? `<${email}>` : undefined));
}

/** The declared licence (the concluded one when nothing was declared), LicenseRef-s as the texts they stand for. */
function licensesOf(p: Record<string, unknown>, refs: ReadonlyMap<string, string>): string[] {
  const known = (v: unknown) => {
    const s = text(v);
    return s && s !== 'NOASSERTION' && s !== 'NONE' ? s : undefined;
  };
  const expression = known(p.licenseDeclared) ?? known(p.licenseConcluded);
  return expression ? splitLicenseExpression(expression).map((t) => refs.get(t) ?? t) : [];
}

function purlOf(p: Record<string, unknown>): string | undefined {
  const refs = Array.isArray(p.externalRefs) ? p.externalRefs.filter(isRecord) : [];
  const ref = refs.find(
    (r) =>
      (r.referenceCategory === 'PACKAGE-MANAGER' || r.referenceCategory === 'PACKAGE_MANAGER') &&
      r.referenceType === 'purl',
  );
  return text(ref?.referenceLocator);
}

function element(p: Record<string, unknown>, ref: string, refs: ReadonlyMap<string, string>): SbomElement {
  const checksums = Array.isArray(p.checksums) ? p.checksums.filter(isRecord) : [];
  const annotations = Array.isArray(p.annotations) ? p.annotations.filter(isRecord) : [];
  const version = text(p.versionInfo);
  const purl = purlOf(p);
  const supplier = agent(p.supplier) ?? agent(p.originator);
  const description = text(p.description) ?? text(p.summary);
  return {
    ref,
    name: text(p.name) ?? '',
    ...(version ? { version } : {}),
    ...(purl ? { purl } : {}),
    licenses: licensesOf(p, refs),
    hashes: checksums.flatMap((c) => {
      const alg = CHECKSUM_ALGS[String(c.algorithm).toUpperCase()];
      const content = text(c.checksumValue)?.toLowerCase();
      return alg && content && /^[0-9a-f]+$/.test(content) ? [{ alg, content }] : [];
    }),
    ...(supplier ? { supplier } : {}),
    ...(description ? { description } : {}),
    properties: propertyMap(
      annotations.flatMap((a) => {
        const pair = typeof a.comment === 'string' ? splitAnnotation(a.comment) : undefined;
        return pair ? [pair] : [];
      }),
    ),
  };
}

function decode(doc: unknown): SbomDocument {
  if (!isRecord(doc) || typeof doc.spdxVersion !== 'string') throw new InvalidSbom('not an SPDX document');
  if (!/^SPDX-2\.\d+$/.test(doc.spdxVersion)) {
    throw new InvalidSbom(`unsupported SPDX version "${doc.spdxVersion}"; SPDX 2.2 and 2.3 are supported`);
  }
  const docId = text(doc.SPDXID) ?? 'SPDXRef-DOCUMENT';
  const licenseRefs = new Map<string, string>();
  for (const info of records(doc.hasExtractedLicensingInfos, 'hasExtractedLicensingInfos')) {
    const id = text(info.licenseId);
    const name = text(info.name);
    if (id && name && name !== 'NOASSERTION') licenseRefs.set(id, name);
  }

  const relationships = records(doc.relationships, 'relationships');
  const described = new Set<string>(
    Array.isArray(doc.documentDescribes) ? doc.documentDescribes.filter((d) => typeof d === 'string') : [],
  );
  for (const r of relationships) {
    const a = text(r.spdxElementId);
    const b = text(r.relatedSpdxElement);
    if (a === docId && r.relationshipType === 'DESCRIBES' && b) described.add(b);
    if (b === docId && r.relationshipType === 'DESCRIBED_BY' && a) described.add(a);
  }

  const warnings: string[] = [];
  const packages: SbomElement[] = [];
  const seen = new Set<string>();
  let os: SbomElement | undefined;
  let subject: SbomDocument['subject'];
  records(doc.packages, 'packages').forEach((p, i) => {
    const spdxId = text(p.SPDXID);
    if (spdxId && seen.has(spdxId)) {
      warnings.push(`packages[${i}]: SPDXID "${spdxId}" is used twice; relationships go to the first`);
    }
    // A ref no other package has: the SPDXID, else a made-up one; a repeated one gets a suffix.
    const candidate = spdxId ?? `#package-${i + 1}`;
    let ref = candidate;
    for (let n = 2; seen.has(ref); n++) ref = `${candidate}#${n}`;
    seen.add(ref);
    const el = element(p, ref, licenseRefs);
    const purpose = text(p.primaryPackagePurpose);
    const purlType = parsePurl(el.purl)?.type;
    const container = purpose === 'CONTAINER' || purlType === 'oci' || purlType === 'docker';
    if (purpose === 'OPERATING-SYSTEM') {
      if (os) warnings.push(`packages[${i}]: a second OPERATING-SYSTEM package; using the first`);
      else os = el;
    } else if (!subject && described.has(ref) && (container || !el.purl)) {
      // The image or directory the document is about; a described package with a purl of its
      // own (a Bitnami SPDX file describes the package itself) stays a package.
      subject = { element: el, container };
    } else if (el.name === '' && !el.purl) {
      warnings.push(`packages[${i}]: a package with neither name nor purl; skipped`);
    } else {
      packages.push(el);
    }
  });

  const edges: SbomEdge[] = [];
  for (const r of relationships) {
    const a = text(r.spdxElementId);
    const b = text(r.relatedSpdxElement);
    const type = text(r.relationshipType) ?? '';
    if (!a || !b) continue;
    if (type === 'DEPENDS_ON') edges.push({ from: a, to: b, type: 'depends-on' });
    else if (DEPENDENCY_OF.test(type)) edges.push({ from: b, to: a, type: 'depends-on' });
    else if (type === 'CONTAINS') edges.push({ from: a, to: b, type: 'contains' });
    else if (type === 'CONTAINED_BY') edges.push({ from: b, to: a, type: 'contains' });
  }

  return {
    format: 'spdx',
    ...(subject ? { subject } : {}),
    ...(os ? { os } : {}),
    packages,
    edges,
    // SPDX cannot say "depends on nothing": only packages with DEPENDS_ON edges get a dependency list.
    dependenciesKnown: new Set(),
    warnings,
  };
}

/**
 * Reads a parsed SPDX 2.x JSON document (2.2, 2.3; tag-value converted to the same shape) into an
 * SbomDocument: every package (the PACKAGE-MANAGER purl, versionInfo, declared licence else the
 * concluded one, checksums, supplier, `name: value` annotations as properties); the package of
 * purpose OPERATING-SYSTEM as the OS; the described image or directory as the subject; DEPENDS_ON
 * (and the *DEPENDENCY_OF inverses) and CONTAINS/CONTAINED_BY as edges. Files are ignored.
 */
export function decodeSpdx(doc: unknown): Result<SbomDocument, string> {
  try {
    return ok(decode(doc));
  } catch (e) {
    if (e instanceof InvalidSbom) return err(e.message);
    throw e;
  }
}
