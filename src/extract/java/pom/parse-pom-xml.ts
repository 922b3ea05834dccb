import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface PomDependency {
  readonly groupId: string;
  readonly artifactId: string;
  /** As written, `${…}` included; '' when absent (managed elsewhere). */
  readonly version: string;
  readonly scope?: string;
  readonly type?: string;
  readonly classifier?: string;
  readonly optional?: boolean;
}

export interface PomParent {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly relativePath?: string;
}

/** The parts of a pom.xml we use, values as written (properties not yet resolved). */
export interface PomXml {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly name?: string;
  readonly packaging?: string;
  readonly parent?: PomParent;
  readonly properties: Readonly<Record<string, string>>;
  readonly dependencyManagement: readonly PomDependency[];
  readonly dependencies: readonly PomDependency[];
  readonly licenses: readonly { readonly name?: string; readonly url?: string }[];
}

type Node = Record<string, unknown>;

// Entities are never expanded (no XXE, no billion laughs): fast-xml-parser's entity processing
// is off and we decode only XML's five predefined entities and character references ourselves.
const parser = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses pom.xml text; throws an Error saying where the XML is broken, or that it is no POM. */
export function parsePomXml(text: string): PomXml {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new Error(`invalid XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (e) {
    // e.g. "External entities are not supported" for an XXE attempt.
    throw new Error(`invalid XML: ${(e as Error).message}`);
  }
  const project = doc.project;
  if (!isNode(project)) throw new Error('not a Maven POM: there is no <project> element');
  const parent = isNode(project.parent) ? project.parent : undefined;
  const props = isNode(project.properties) ? project.properties : {};
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    const s = str(first(v));
    if (s !== undefined) properties[k] = s;
  }
  const management = isNode(project.dependencyManagement) ? project.dependencyManagement : {};
  return {
    ...field('groupId', project.groupId),
    ...field('artifactId', project.artifactId),
    ...field('version', project.version),
    ...field('name', project.name),
    ...field('packaging', project.packaging),
    ...(parent
      ? {
          parent: {
            ...field('groupId', parent.groupId),
            ...field('artifactId', parent.artifactId),
            ...field('version', parent.version),
            ...field('relativePath', parent.relativePath),
          },
        }
      : {}),
    properties,
    dependencyManagement: dependencies(management.dependencies),
    dependencies: dependencies(project.dependencies),
    licenses: list(isNode(project.licenses) ? project.licenses.license : undefined).flatMap((l) =>
      isNode(l) ? [{ ...field('name', l.name), ...field('url', l.url) }] : [],
    ),
  };
}

function dependencies(container: unknown): PomDependency[] {
  if (!isNode(container)) return [];
  return list(container.dependency).flatMap((d) => {
    if (!isNode(d)) return [];
    const optional = str(first(d.optional));
    return [
      {
        groupId: str(first(d.groupId)) ?? '',
        artifactId: str(first(d.artifactId)) ?? '',
        version: str(first(d.version)) ?? '',
        ...field('scope', d.scope),
        ...field('type', d.type),
        ...field('classifier', d.classifier),
        ...(optional === undefined ? {} : { optional: optional === 'true' }),
      },
    ];
  });
}

function field<K extends string>(key: K, v: unknown): { [P in K]?: string } {
  const s = str(first(v));
  return (s === undefined || s === '' ? {} : { [key]: s }) as { [P in K]?: string };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return decodeEntities(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's predefined entities and character references; any other `&name;` stays as written. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref] ?? all;
  });
}
