import type { ImageSource } from '../artifact/image-source.ts';
import type { TarEntry } from '../artifact/layer/parse-tar-stream.ts';
import { readLayer } from '../artifact/layer/read-layer.ts';
import { MergedTree, type TreeNode, toStat } from '../artifact/tree/merged-tree.ts';
import { baseName, joinPath, normalizeEntryPath, parentPath } from '../artifact/tree/tree-path.ts';
import { errorMessage, throwIfAborted } from '../core/errors.ts';
import type { FileError } from '../core/inventory.ts';
import type { LayerRef } from '../core/layer-ref.ts';
import type { FileStat, ReadonlyFs } from '../core/readonly-fs.ts';
import type { Extractor } from './extractor.ts';
import type { FileSnapshot, PreExtracted, RequiredFile, WalkResult } from './walk-result.ts';
import { wantedBy } from './wanted-files.ts';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

export interface WalkProgress {
  readonly layer: number;
  readonly layers: number;
  /** Stored (compressed) bytes read so far, all layers. */
  readonly bytes: number;
  readonly totalBytes?: number;
}

export interface WalkImageOptions {
  readonly signal: AbortSignal;
  readonly onProgress?: (p: WalkProgress) => void;
}

/**
 * Walks an image's layers bottom-up, each streamed once, into a MergedTree with whiteouts
 * applied. Only files some extractor wants are held in memory. When a required file is replaced
 * by an upper layer, the package ids of the old version are kept (FileSnapshot) so that each
 * package can be attributed to the layer that introduced it.
 */
export async function walkImage(
  source: ImageSource,
  extractors: readonly Extractor[],
  opts: WalkImageOptions,
): Promise<WalkResult> {
  const tree = new MergedTree();
  const errors: FileError[] = [];
  const history = new Map<string, FileSnapshot[]>();
  /** Results of self-contained extractors, by path; kept only if that node is still visible at the end. */
  const eager = new Map<string, { node: TreeNode; results: PreExtracted[] }>();
  const layers = source.layers.length;
  const totalBytes = source.layers.reduce((n, l) => n + (l.size && l.size > 0 ? l.size : 0), 0);
  let bytes = 0;

  const snapshot = async (path: string, old: TreeNode | undefined) => {
    if (!old?.content || !old.layer) return;
    const stat = toStat(old);
    const ids = new Set<string>();
    for (const ex of extractors) {
      if (!ex.fileRequired(path, stat)) continue;
      const content = old.content;
      try {
        const inv = await ex.extract({
          path,
          stat,
          read: async () => content,
          fs: tree,
          os: undefined,
          signal: opts.signal,
        });
        for (const p of inv.packages) ids.add(p.id);
      } catch {
        // The old version is only used for attribution; its errors were or will be reported elsewhere.
      }
    }
    if (ids.size > 0) {
      const list = history.get(path) ?? [];
      list.push({ layer: old.layer, ids });
      history.set(path, list);
    }
  };

  for (const blob of source.layers) {
    throwIfAborted(opts.signal);
    const layer: LayerRef = {
      index: blob.index,
      ...(blob.diffId ? { diffId: blob.diffId } : {}),
      ...(blob.digest ? { digest: blob.digest } : {}),
    };
    const record = (path: string, message: string) =>
      errors.push({ path, stage: 'walk', message, layer: blob.index });

    const visit = async (entry: TarEntry): Promise<((content: Buffer) => void) | undefined> => {
      const path = normalizeEntryPath(entry.name);
      if (path === undefined) {
        record(entry.name, 'entry path climbs above the root; skipped');
        return undefined;
      }
      if (path === '') return undefined;
      const name = baseName(path);
      if (name.startsWith(WHITEOUT_PREFIX)) {
        const dir = parentPath(path);
        if (name === OPAQUE_MARKER) tree.opaque(dir, blob.index);
        else {
          const hidden = joinPath(dir, name.slice(WHITEOUT_PREFIX.length));
          await snapshot(hidden, tree.getNode(hidden));
          tree.whiteout(hidden, blob.index);
        }
        return undefined;
      }
      switch (entry.type) {
        case 'dir':
          tree.put(path, { type: 'dir', size: 0, mode: entry.mode, layer });
          return undefined;
        case 'symlink':
          tree.put(path, {
            type: 'symlink',
            size: 0,
            mode: entry.mode,
            linkTarget: entry.linkTarget ?? '',
            layer,
          });
          return undefined;
        case 'hardlink': {
          const target = normalizeEntryPath(entry.linkTarget ?? '');
          const src = target === undefined ? undefined : tree.getNode(target);
          if (src?.type !== 'file') {
            record(path, `hard link to "${entry.linkTarget}", which is not a file in this layer; skipped`);
            return undefined;
          }
          await snapshot(path, tree.getNode(path));
          tree.put(path, {
            type: 'file',
            size: src.size,
            mode: entry.mode,
            layer,
            ...(src.content ? { content: src.content } : {}),
          });
          return undefined;
        }
        case 'other':
          tree.put(path, { type: 'other', size: 0, mode: entry.mode, layer });
          return undefined;
        case 'file':
          break;
      }
      const stat: FileStat = { type: 'file', size: entry.size, mode: entry.mode, layer };
      const want = wantedBy(extractors, path, stat);
      await snapshot(path, tree.getNode(path));
      if (!want) {
        tree.put(path, { type: 'file', size: entry.size, mode: entry.mode, layer });
        return undefined;
      }
      if (entry.size > want.maxSize) {
        record(
          path,
          `file is ${entry.size} bytes, over the ${want.maxSize}-byte limit for its extractors; not read`,
        );
        tree.put(path, { type: 'file', size: entry.size, mode: entry.mode, layer });
        return undefined;
      }
      const node = tree.put(path, { type: 'file', size: entry.size, mode: entry.mode, layer });
      const eagerExs = want.required.filter((ex) => ex.selfContained);
      // Held for the end only when a non-self-contained extractor or a sibling reader needs it.
      const keep = eagerExs.length < want.required.length || want.needed;
      return async (content) => {
        if (keep) node.content = content;
        if (eagerExs.length === 0) return;
        const results = await extractNow(path, stat, content, eagerExs, opts.signal);
        eager.set(path, { node, results });
      };
    };

    await readLayer(blob, visit, opts.signal, (n) => {
      bytes += n;
      opts.onProgress?.({ layer: blob.index, layers, bytes, ...(totalBytes > 0 ? { totalBytes } : {}) });
    });
  }

  const required: RequiredFile[] = [];
  for (const [path, node] of tree.entries()) {
    if (node.type !== 'file' || !node.content) continue;
    const stat = toStat(node);
    const exs = extractors.filter((ex) => !ex.selfContained && ex.fileRequired(path, stat));
    if (exs.length > 0) required.push({ path, stat, extractors: exs });
  }
  const extracted = [...eager]
    .filter(([path, e]) => tree.getNode(path) === e.node)
    .flatMap(([, e]) => e.results);
  return { fs: tree, required, extracted, errors, history };
}

/** Runs self-contained extractors on a file as soon as its layer yields it. */
async function extractNow(
  path: string,
  stat: FileStat,
  content: Uint8Array,
  extractors: readonly Extractor[],
  signal: AbortSignal,
): Promise<PreExtracted[]> {
  const out: PreExtracted[] = [];
  const noFs = NO_SIBLINGS;
  for (const ex of extractors) {
    throwIfAborted(signal);
    try {
      const inventory = await ex.extract({
        path,
        stat,
        read: async () => content,
        fs: noFs,
        os: undefined,
        signal,
      });
      out.push({ path, extractor: ex.name, inventory });
    } catch (e) {
      throwIfAborted(signal);
      const error: FileError = {
        path,
        stage: ex.name,
        message: errorMessage(e),
        ...(stat.layer ? { layer: stat.layer.index } : {}),
      };
      out.push({ path, extractor: ex.name, error });
    }
  }
  return out;
}

/** What a self-contained extractor sees as `fs`: nothing (it promised not to look). */
const NO_SIBLINGS: ReadonlyFs = {
  resolve: (p) => p,
  stat: () => undefined,
  readdir: () => undefined,
  readFile: async () => undefined,
};
