import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isRecord } from '../../core/is-record.ts';
import { err, ok, type Result } from '../../core/result.ts';

type Node = Record<string, unknown>;

/** Elements that may repeat, so they always parse to arrays. */
const REPEATED: ReadonlySet<string> = new Set([
  'component',
  'license',
  'expression',
  'hash',
  'property',
  'dependency',
  'contact',
  'author',
]);

// Entities are never expanded (no XXE, no billion laughs): the parser's entity processing is off
// and only XML's predefined entities and character references are decoded, by `text`.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATED.has(name),
});

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = /^#x/i.test(ref) ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref] ?? all;
  });
}

/** The text of an element (or an attribute value), entities decoded; undefined when it has none. */
function text(v: unknown): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  const raw = isRecord(first) ? first['#text'] : first;
  return typeof raw === 'string' || typeof raw === 'number' ? decodeEntities(String(raw)) : undefined;
}

function nodes(v: unknown): Node[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isRecord);
}

/** The children `<parent><child/>…</parent>` of a wrapper element. */
function listOf(parent: unknown, child: string): Node[] {
  const wrapper = nodes(parent)[0];
  return wrapper ? nodes(wrapper[child]) : [];
}

/** Drops undefined fields, so the JSON decoder sees absent rather than undefined fields. */
function compact(obj: Node): Node {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

function component(c: Node): Node {
  const supplier = nodes(c.supplier)[0];
  const licenses = nodes(c.licenses)[0];
  return compact({
    type: text(c['@type']),
    'bom-ref': text(c['@bom-ref']),
    name: text(c.name),
    version: text(c.version),
    group: text(c.group),
    purl: text(c.purl),
    description: text(c.description),
    author: text(c.author),
    publisher: text(c.publisher),
    supplier: supplier
      ? compact({
          name: text(supplier.name),
          contact: nodes(supplier.contact).map((x) => compact({ email: text(x.email) })),
        })
      : undefined,
    licenses: licenses
      ? [
          ...nodes(licenses.license).map((l) => ({
            license: compact({
              id: text(l.id),
              name: text(l.name),
              acknowledgement: text(l['@acknowledgement']),
            }),
          })),
          ...(Array.isArray(licenses.expression) ? licenses.expression : []).map((e) =>
            compact({
              expression: text(e),
              acknowledgement: isRecord(e) ? text(e['@acknowledgement']) : undefined,
            }),
          ),
        ]
      : undefined,
    hashes: listOf(c.hashes, 'hash').map((h) => ({ alg: text(h['@alg']), content: text(h) })),
    properties: listOf(c.properties, 'property').map((p) => ({
      name: text(p['@name']),
      value: text(p) ?? '',
    })),
    components: listOf(c.components, 'component').map(component),
  });
}

/**
 * Converts a CycloneDX XML BOM to the shape of CycloneDX JSON, as far as decodeCycloneDx reads it:
 * the specVersion from the namespace (`http://cyclonedx.org/schema/bom/1.5`), metadata.component,
 * components with licences, hashes, properties and nested components, and dependencies. An error
 * when the XML is malformed or its root is not a CycloneDX `<bom>`.
 */
export function cycloneDxXmlToJson(xml: string): Result<Node, string> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return err(`invalid XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    return err(`invalid XML: ${(e as Error).message}`);
  }
  const bom = isRecord(doc) ? nodes(doc.bom)[0] : undefined;
  // The parser drops namespace declarations (removeNSPrefix), so the version is read from the text.
  const ns = /\sxmlns(?::[\w.-]+)?\s*=\s*["']https?:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)["']/.exec(
    xml,
  );
  if (!bom || !ns) return err('not a CycloneDX XML BOM (no <bom> in a cyclonedx.org namespace)');
  const metadata = nodes(bom.metadata)[0];
  const root = metadata ? nodes(metadata.component)[0] : undefined;
  try {
    return ok(json(bom, metadata, root, ns[1]!));
  } catch (e) {
    // `component` recurses once per nesting level; the parser before it survived, so this is rare.
    if (e instanceof RangeError) return err('components are nested too deeply');
    throw e;
  }
}

function json(bom: Node, metadata: Node | undefined, root: Node | undefined, specVersion: string): Node {
  return compact({
    bomFormat: 'CycloneDX',
    specVersion,
    metadata: metadata ? compact({ component: root ? component(root) : undefined }) : undefined,
    components: listOf(bom.components, 'component').map(component),
    dependencies: listOf(bom.dependencies, 'dependency').map((d) => ({
      ref: text(d['@ref']),
      dependsOn: nodes(d.dependency).flatMap((x) => {
        const ref = text(x['@ref']);
        return ref ? [ref] : [];
      }),
    })),
  });
}
