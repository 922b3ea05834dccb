import { isRecord } from '../../core/is-record.ts';
import type { PackageHash } from '../../core/package.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { InvalidSbom, records, text } from './document-shape.ts';
import type { SbomDocument, SbomEdge, SbomElement } from './sbom-document.ts';
import { splitLicenseExpression } from './sbom-licenses.ts';
import { propertyMap } from './sbom-properties.ts';

/** The newest specVersion whose fields we know; newer 1.x documents are read as it, with a warning. */
const NEWEST_MINOR = 7;

/**
 * Component types that are not software packages (a file with hashes, a dataset, a device): kept
 * as packages only when they have a purl, which says a package manager knows them.
 */
const NOT_PACKAGES: ReadonlySet<string> = new Set([
  'file',
  'data',
  'device',
  'device-driver',
  'platform',
  'machine-learning-model',
  'cryptographic-asset',
]);

const HASH_ALGS: Readonly<Record<string, PackageHash['alg']>> = {
  MD5: 'MD5',
  'SHA-1': 'SHA-1',
  'SHA-256': 'SHA-256',
  'SHA-512': 'SHA-512',
};

/** Licence entries: `{license: {id | name}}` or `{expression}`; declared ones, else all (1.6 `acknowledgement`). */
function licensesOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const entries = v.filter(isRecord);
  const declared = entries.filter((e) => {
    const ack = isRecord(e.license) ? e.license.acknowledgement : e.acknowledgement;
    return ack !== 'concluded';
  });
  return (declared.length ? declared : entries).flatMap((e) => {
    const expression = text(e.expression);
    if (expression) return splitLicenseExpression(expression);
    if (!isRecord(e.license)) return [];
    const license = text(e.license.id) ?? text(e.license.name);
    return license ? [license] : [];
  });
}

function hashesOf(v: unknown): PackageHash[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).flatMap((h) => {
    const alg = HASH_ALGS[String(h.alg).toUpperCase()];
    const content = text(h.content)?.trim().toLowerCase();
    return alg && content && /^[0-9a-f]+$/.test(content) ? [{ alg, content }] : [];
  });
}

/** `Name <email>` from a supplier, author(s) or publisher, as Package.maintainer is written. */
function supplierOf(c: Record<string, unknown>): string | undefined {
  const contact = (name: string | undefined, email: string | undefined) =>
    name && email ? `${name} <${email}>` : (name ?? (email ? `<${email}>` : undefined));
  if (isRecord(c.supplier)) {
    const emails = Array.isArray(c.supplier.contact) ? c.supplier.contact.filter(isRecord) : [];
    const found = contact(text(c.supplier.name), emails.map((e) => text(e.email)).find(Boolean));
    if (found) return found;
  }
  const author = Array.isArray(c.authors) ? c.authors.find(isRecord) : undefined;
  if (author) {
    const found = contact(text(author.name), text(author.email));
    if (found) return found;
  }
  return text(c.author) ?? text(c.publisher);
}

function element(c: Record<string, unknown>, ref: string, name: string): SbomElement {
  const props = Array.isArray(c.properties) ? c.properties.filter(isRecord) : [];
  const version = text(c.version);
  const group = text(c.group);
  const purl = text(c.purl);
  const supplier = supplierOf(c);
  const description = text(c.description);
  return {
    ref,
    name,
    ...(version ? { version } : {}),
    ...(group ? { group } : {}),
    ...(purl ? { purl } : {}),
    licenses: licensesOf(c.licenses),
    hashes: hashesOf(c.hashes),
    ...(supplier ? { supplier } : {}),
    ...(description ? { description } : {}),
    properties: propertyMap(
      props.flatMap((p) => (typeof p.name === 'string' ? [[p.name, String(p.value ?? '')] as const] : [])),
    ),
  };
}

function decode(doc: unknown): SbomDocument {
  if (!isRecord(doc) || doc.bomFormat !== 'CycloneDX') throw new InvalidSbom('not a CycloneDX BOM');
  const spec = /^1\.(\d+)$/.exec(String(doc.specVersion ?? ''));
  if (!spec) throw new InvalidSbom(`unsupported CycloneDX specVersion ${JSON.stringify(doc.specVersion)}`);
  const warnings: string[] = [];
  if (Number(spec[1]) > NEWEST_MINOR) {
    warnings.push(
      `CycloneDX ${doc.specVersion} is newer than 1.${NEWEST_MINOR}; fields added since are ignored`,
    );
  }
  if (doc.metadata !== undefined && !isRecord(doc.metadata))
    throw new InvalidSbom('metadata must be an object');
  const meta = doc.metadata;
  if (meta?.component !== undefined && !isRecord(meta.component)) {
    throw new InvalidSbom('metadata.component must be an object');
  }

  const packages: SbomElement[] = [];
  const edges: SbomEdge[] = [];
  const refs = new Set<string>();
  let os: SbomElement | undefined;
  let subject: SbomDocument['subject'];

  // An explicit stack, not recursion: nesting depth is the document's to choose.
  type Item = { c: Record<string, unknown>; where: string; parent?: string; isSubject?: boolean };
  const stack: Item[] = records(doc.components, 'components')
    .map((c, i) => ({ c, where: `components[${i}]` }))
    .reverse();
  if (isRecord(meta?.component))
    stack.push({ c: meta.component, where: 'metadata.component', isSubject: true });
  /** A ref no other component has: the bom-ref, else a made-up one; a repeated one gets a suffix. */
  const uniqueRef = (candidate: string): string => {
    let ref = candidate;
    for (let n = 2; refs.has(ref); n++) ref = `${candidate}#${n}`;
    refs.add(ref);
    return ref;
  };
  let seq = 0;
  while (stack.length > 0) {
    const { c, where, parent, isSubject } = stack.pop()!;
    seq++;
    const bomRef = text(c['bom-ref']);
    if (bomRef && refs.has(bomRef)) {
      warnings.push(`${where}: bom-ref "${bomRef}" is used twice; references go to the first`);
    }
    const ref = uniqueRef(bomRef ?? `#component-${seq}`);
    const children = records(c.components, `${where}.components`);
    // Paths name where a problem is; past a few levels only the tail, so deep nesting stays linear.
    const base = where.length > 200 ? '…' : where;
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ c: children[i]!, where: `${base}.components[${i}]`, parent: ref });
    }
    const type = text(c.type) ?? 'library';
    const name = text(c.name) ?? '';
    const el = element(c, ref, name);
    if (isSubject) {
      subject = { element: el, container: type === 'container' };
      continue;
    }
    if (type === 'operating-system') {
      if (os) warnings.push(`${where}: a second operating-system component; using the first`);
      else os = el;
      continue;
    }
    if (NOT_PACKAGES.has(type) && !el.purl) continue;
    if (name === '' && !el.purl) {
      warnings.push(`${where}: a component with neither name nor purl; skipped`);
      continue;
    }
    packages.push(el);
    if (parent) edges.push({ from: parent, to: ref, type: 'contains' });
    for (const container of el.properties.get('bulwark:package:containedIn') ?? []) {
      edges.push({ from: container, to: ref, type: 'contains' });
    }
  }

  const dependenciesKnown = new Set<string>();
  records(doc.dependencies, 'dependencies').forEach((d, i) => {
    const ref = text(d.ref);
    if (!ref) throw new InvalidSbom(`dependencies[${i}].ref must be a bom-ref`);
    const dependsOn = d.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((r) => typeof r === 'string')) {
      throw new InvalidSbom(`dependencies[${i}].dependsOn must be an array of bom-refs`);
    }
    dependenciesKnown.add(ref);
    for (const to of dependsOn) edges.push({ from: ref, to, type: 'depends-on' });
  });

  return {
    format: 'cyclonedx',
    ...(subject ? { subject } : {}),
    ...(os ? { os } : {}),
    packages,
    edges,
    dependenciesKnown,
    warnings,
  };
}

/**
 * Reads a parsed CycloneDX 1.x JSON BOM (1.2–1.7; XML converted to the same shape) into an
 * SbomDocument: components at any depth (a nested component is `contained` in its parent),
 * `metadata.component` as the subject, the first `operating-system` component as the OS, and the
 * `dependencies` graph. An error when the document is not CycloneDX or its structure (components,
 * dependencies, metadata) has the wrong shape; odd fields inside a component are ignored.
 */
export function decodeCycloneDx(doc: unknown): Result<SbomDocument, string> {
  try {
    return ok(decode(doc));
  } catch (e) {
    if (e instanceof InvalidSbom) return err(e.message);
    throw e;
  }
}
