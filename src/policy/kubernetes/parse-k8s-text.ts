import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Tags,
  type YAMLError,
} from 'yaml';
import { errorMessage } from '../../core/errors.ts';
import { isRecord } from '../../core/is-record.ts';
import type { K8sObject } from './k8s-object.ts';
import { joinPath, type PathSegment, parsePath } from './k8s-path.ts';

/** One file or document that could not be read as Kubernetes objects; the scan goes on. */
export interface K8sManifestError {
  readonly file: string;
  /** 1-based line of the problem, when there is one. */
  readonly line?: number;
  readonly message: string;
}

export interface K8sManifests {
  readonly objects: K8sObject[];
  readonly errors: K8sManifestError[];
}

export interface ParseK8sOptions {
  /** Largest text accepted, in bytes (UTF-8). Default 64 MiB. */
  readonly maxBytes?: number;
  /** Alias references allowed per document before it is refused as a "billion laughs" bomb. Default 100. */
  readonly maxAliasCount?: number;
}

export const DEFAULT_MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_COUNT = 100;
/** `List` items that are lists themselves are expanded this deep, no deeper. */
const MAX_LIST_DEPTH = 4;

/**
 * YAML 1.1 tags that would put a non-JSON value (Date, Set, Map, bytes) into `raw`. kubectl reads
 * manifests with a YAML 1.1 parser that turns everything into JSON, where these are plain
 * strings, sequences and mappings: dropping the tags gives the same values.
 */
const NON_JSON_NAMES = ['timestamp', 'set', 'omap', 'pairs', 'binary'];
const NON_JSON_TAGS = new Set([...NON_JSON_NAMES, ...NON_JSON_NAMES.map((t) => `tag:yaml.org,2002:${t}`)]);

function jsonTags(tags: Tags): Tags {
  return tags.filter((t) => !NON_JSON_TAGS.has(typeof t === 'string' ? t : t.tag));
}

/**
 * Reads Kubernetes objects from the text of one manifest file: multi-document YAML (Helm's
 * rendered output included), or JSON; `List` kinds (`kind: List`, `PodList`…) are expanded into
 * their items. Every object can tell the line of any path inside it. Never throws: malformed
 * YAML/JSON, alias bombs, oversized text and documents that are not mappings become `errors`
 * (with file and line); mappings without `apiVersion` and `kind` are not Kubernetes objects and
 * are skipped silently.
 *
 * YAML is read as YAML 1.1, the dialect kubectl reads (`hostNetwork: yes` is `true` there too).
 */
export function parseK8sText(text: string, file: string, opts: ParseK8sOptions = {}): K8sManifests {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes)
    return { objects: [], errors: [{ file, message: manifestTooLargeMessage(bytes, maxBytes) }] };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const looksJson = /^\s*[[{]/.test(source);
  const lines = new LineCounter();
  const docs = parseAllDocuments(source, {
    lineCounter: lines,
    // JSON is valid YAML 1.2; YAML 1.1 would misread escapes such as `\/`.
    version: looksJson ? '1.2' : '1.1',
    prettyErrors: false,
    customTags: jsonTags,
  });
  const out: K8sManifests = { objects: [], errors: [] };
  const lineAt = (offset: number): number => lines.linePos(offset).line;

  if (looksJson && docs.some((d) => fatalErrors(d).length > 0)) {
    // Rare: JSON that the YAML parser refuses (tabs as indentation…). Objects then carry no lines.
    return parseJsonFallback(
      source,
      file,
      out,
      fatalErrors(docs.find((d) => fatalErrors(d).length > 0)!),
      lineAt,
    );
  }

  docs.forEach((doc, docIndex) => {
    const fatal = fatalErrors(doc);
    if (fatal.length > 0) {
      out.errors.push(yamlError(file, fatal[0]!, fatal.length, lineAt));
      return;
    }
    for (const e of doc.errors) out.errors.push(yamlError(file, e, 1, lineAt)); // duplicate keys: last one wins
    if (doc.contents === null) return; // an empty document (`---` with only comments), common in Helm output
    const docLine = lineAt(doc.contents.range[0]);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: opts.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT });
    } catch (e) {
      out.errors.push({
        file,
        line: docLine,
        message: `Document ${docIndex + 1} refused: ${aliasMessage(e)}`,
      });
      return;
    }
    const lineOf = (path: string, prefix: readonly PathSegment[]): number | undefined =>
      lineOfPath(doc, [...prefix, ...parsePath(path)], lineAt);
    addValue(value, { file, docIndex, docLine, lineOf, out });
  });
  return out;
}

interface AddContext {
  readonly file: string;
  readonly docIndex: number;
  readonly docLine: number | undefined;
  /** Line of `path` inside the document value found at `prefix`. */
  readonly lineOf: (path: string, prefix: readonly PathSegment[]) => number | undefined;
  readonly out: K8sManifests;
}

function addValue(value: unknown, ctx: AddContext): void {
  if (value === null || value === undefined) return; // `---` followed by nothing: an empty document
  if (!isRecord(value)) {
    ctx.out.errors.push({
      file: ctx.file,
      ...(ctx.docLine === undefined ? {} : { line: ctx.docLine }),
      message: `Document ${ctx.docIndex + 1} is not a mapping (it is ${describe(value)}); skipped`,
    });
    return;
  }
  addObject(value, [], undefined, 0, ctx);
}

function addObject(
  value: Record<string, unknown>,
  prefix: readonly PathSegment[],
  list: { readonly kind: string; readonly apiVersion: string | undefined } | undefined,
  depth: number,
  ctx: AddContext,
): void {
  // Items of a typed list (`PodList` from the API) carry neither kind nor apiVersion: the list's say.
  const kind = typeof value.kind === 'string' ? value.kind : list?.kind;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : list?.apiVersion;
  if (kind === undefined || kind === '' || apiVersion === undefined) return; // not a Kubernetes object
  if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(value.items) && depth < MAX_LIST_DEPTH) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    value.items.forEach((item: unknown, i) => {
      const itemPrefix = [...prefix, 'items', i];
      if (!isRecord(item)) {
        const line = ctx.lineOf('', itemPrefix);
        ctx.out.errors.push({
          file: ctx.file,
          ...(line === undefined ? {} : { line }),
          message: `Item ${joinPath('', ...itemPrefix)} of ${kind} is not a mapping (it is ${describe(item)}); skipped`,
        });
        return;
      }
      addObject(
        item,
        itemPrefix,
        itemKind === undefined ? undefined : { kind: itemKind, apiVersion },
        depth + 1,
        ctx,
      );
    });
    return;
  }
  ctx.out.objects.push(makeObject(value, kind, apiVersion, prefix, ctx));
}

function makeObject(
  raw: Record<string, unknown>,
  kind: string,
  apiVersion: string,
  prefix: readonly PathSegment[],
  ctx: AddContext,
): K8sObject {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const annotations: Record<string, string> = {};
  if (isRecord(metadata.annotations)) {
    for (const [k, v] of Object.entries(metadata.annotations)) {
      if (typeof v === 'string') annotations[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') annotations[k] = String(v);
    }
  }
  const lineOf = ctx.lineOf;
  return {
    apiVersion,
    kind,
    ...(typeof metadata.name === 'string' ? { name: metadata.name } : {}),
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    annotations,
    raw,
    file: ctx.file,
    docIndex: ctx.docIndex,
    lineOf: (path: string) => lineOf(path, prefix),
  };
}

/** Errors that make a document unusable; duplicate keys are reported but the last value is kept. */
function fatalErrors(doc: Document.Parsed | undefined): YAMLError[] {
  return doc === undefined ? [] : doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
}

function yamlError(
  file: string,
  e: YAMLError,
  count: number,
  lineAt: (o: number) => number,
): K8sManifestError {
  const more = count > 1 ? ` (and ${count - 1} more error${count > 2 ? 's' : ''} in this document)` : '';
  const what = e.code === 'DUPLICATE_KEY' ? 'YAML warning' : 'Invalid YAML';
  return { file, line: lineAt(e.pos[0]), message: `${what}: ${e.message}${more}` };
}

function aliasMessage(e: unknown): string {
  const m = errorMessage(e);
  return /alias/i.test(m)
    ? `too many alias references (a YAML "billion laughs" bomb?): ${m}`
    : `its value cannot be built: ${m}`;
}

/** The error text for a manifest over the size limit (shared with the file loader, which checks before reading). */
export function manifestTooLargeMessage(bytes: number, max: number): string {
  return `File is ${formatBytes(bytes)}, over the ${formatBytes(max)} limit for one manifest file; not read`;
}

function formatBytes(n: number): string {
  const one = (v: number) => v.toFixed(1).replace(/\.0$/, '');
  if (n >= 1024 * 1024) return `${one(n / (1024 * 1024))} MiB`;
  if (n >= 1024) return `${one(n / 1024)} KiB`;
  return `${n} bytes`;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a sequence';
  return `a ${typeof v} scalar`;
}

function parseJsonFallback(
  source: string,
  file: string,
  out: K8sManifests,
  yamlErrors: YAMLError[],
  lineAt: (o: number) => number,
): K8sManifests {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (e) {
    const m = errorMessage(e);
    const at = /position (\d+)/.exec(m);
    const line = at === null ? lineAt(yamlErrors[0]?.pos[0] ?? 0) : lineAt(Number(at[1]));
    out.errors.push({ file, line, message: `Invalid JSON: ${m}` });
    return out;
  }
  addValue(value, { file, docIndex: 0, docLine: 1, lineOf: () => undefined, out });
  return out;
}

/**
 * The line of the value at `segments` inside a parsed document: for a mapping key, the key's
 * line (`privileged: true` → that line, `securityContext:` → the key, not the block below); for a
 * sequence item, the item's first line. A path that leaves the document stops at the deepest
 * node found, so a missing field points at its parent.
 */
function lineOfPath(
  doc: Document.Parsed,
  segments: readonly PathSegment[],
  lineAt: (o: number) => number,
): number | undefined {
  let node: Node | null | undefined = resolve(doc, doc.contents);
  if (node === null || node === undefined || node.range === undefined || node.range === null)
    return undefined;
  let line = lineAt(node.range[0]);
  for (const seg of segments) {
    const step = childOf(doc, node, seg, 0);
    if (step === undefined) break;
    if (step.at !== undefined) line = lineAt(step.at);
    if (step.node === null || step.node === undefined) break;
    node = step.node;
  }
  return line;
}

function resolve(doc: Document.Parsed, node: Node | null | undefined): Node | null | undefined {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** One step down: the child node and the offset whose line stands for it. */
function childOf(
  doc: Document.Parsed,
  node: Node,
  seg: PathSegment,
  depth: number,
): { node: Node | null | undefined; at: number | undefined } | undefined {
  if (isSeq(node)) {
    if (typeof seg !== 'number') return undefined;
    const item = node.items[seg] as Node | null | undefined;
    if (item === undefined) return undefined;
    const resolved = resolve(doc, item);
    return { node: resolved, at: item?.range?.[0] ?? undefined };
  }
  if (!isMap(node)) return undefined;
  const key = String(seg);
  for (const pair of node.items) {
    const k = pair.key as Node | null;
    const kv = isScalar(k) ? k.value : k;
    if (kv === null || kv === undefined || String(kv) !== key) continue;
    const value = resolve(doc, pair.value as Node | null);
    return { node: value, at: k?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] };
  }
  // YAML 1.1 merge keys (`<<: *defaults`): the field may come from the merged mapping.
  if (depth < 8) {
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) continue;
      const sources = resolve(doc, pair.value as Node | null);
      const list = isSeq(sources) ? sources.items.map((s) => resolve(doc, s as Node | null)) : [sources];
      for (const src of list) {
        if (src === null || src === undefined) continue;
        const found = childOf(doc, src, seg, depth + 1);
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

/** `<<` as a key: a plain string, or the symbol the YAML 1.1 merge tag resolves it to. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}
