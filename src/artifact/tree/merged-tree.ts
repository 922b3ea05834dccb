import type { LayerRef } from '../../core/layer-ref.ts';
import type { FileStat, FileType, ReadonlyFs } from '../../core/readonly-fs.ts';
import { resolveInTree } from './resolve-symlinks.ts';
import { joinPath, splitPath } from './tree-path.ts';

export interface TreeNode {
  type: FileType;
  size: number;
  mode: number;
  linkTarget?: string;
  layer?: LayerRef;
  children?: Map<string, TreeNode>;
  /** Held only for files an extractor asked for. */
  content?: Uint8Array;
}

function newDir(layer?: LayerRef): TreeNode {
  return { type: 'dir', size: 0, mode: 0o755, children: new Map(), ...(layer ? { layer } : {}) };
}

/**
 * The union filesystem of an image's layers, built one tar entry at a time (OCI layer semantics:
 * whiteouts and opaque directories hide lower layers only). Holds metadata for every entry and
 * contents only for the files handed to `setContent`.
 */
export class MergedTree implements ReadonlyFs {
  readonly root: TreeNode = newDir();

  /** Exact lookup; symlinks are not followed. */
  getNode(path: string): TreeNode | undefined {
    let node: TreeNode | undefined = this.root;
    for (const seg of splitPath(path)) {
      node = node.children?.get(seg);
      if (!node) return undefined;
    }
    return node;
  }

  linkTarget(path: string): string | undefined {
    const node = this.getNode(path);
    return node?.type === 'symlink' ? node.linkTarget : undefined;
  }

  /** Adds or replaces an entry; missing parent directories are created. A directory keeps its children. */
  put(path: string, entry: Omit<TreeNode, 'children'>): TreeNode {
    const segs = splitPath(path);
    const name = segs.pop();
    if (name === undefined) return this.root;
    let dir = this.root;
    for (const seg of segs) {
      let next = dir.children!.get(seg);
      if (next?.type !== 'dir') {
        next = newDir(entry.layer);
        dir.children!.set(seg, next);
      }
      dir = next;
    }
    const existing = dir.children!.get(name);
    if (existing?.type === 'dir' && entry.type === 'dir') {
      existing.mode = entry.mode;
      if (entry.layer) existing.layer = entry.layer;
      return existing;
    }
    const node: TreeNode = entry.type === 'dir' ? { ...entry, children: new Map() } : { ...entry };
    dir.children!.set(name, node);
    return node;
  }

  /**
   * Applies a `.wh.<name>` whiteout from layer `layerIndex`: hides what lower layers put at `path`
   * (entries the same layer added stay).
   */
  whiteout(path: string, layerIndex: number): void {
    const segs = splitPath(path);
    const name = segs.pop();
    if (name === undefined) return;
    const parent = this.getNode(segs.join('/'));
    const node = parent?.children?.get(name);
    if (!parent || !node) return;
    if (node.layer?.index === layerIndex) {
      pruneLower(node, layerIndex);
      return;
    }
    parent.children!.delete(name);
  }

  /** Applies `.wh..wh..opq` in `dir`: everything lower layers put below it is hidden. */
  opaque(dir: string, layerIndex: number): void {
    const node = this.getNode(dir);
    if (node?.type === 'dir') pruneLower(node, layerIndex);
  }

  /** Resolves symlinks inside the tree; undefined on a loop. */
  resolve(path: string): string | undefined {
    return resolveInTree(path, this);
  }

  stat(path: string): FileStat | undefined {
    const real = this.resolve(path);
    const node = real === undefined ? undefined : this.getNode(real);
    return node ? toStat(node) : undefined;
  }

  readdir(path: string): string[] | undefined {
    const real = this.resolve(path);
    const node = real === undefined ? undefined : this.getNode(real);
    return node?.children ? [...node.children.keys()] : undefined;
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const real = this.resolve(path);
    const node = real === undefined ? undefined : this.getNode(real);
    return node?.type === 'file' ? node.content : undefined;
  }

  /** Every entry below `dir`, depth first; paths are tree paths. */
  *entries(dir = ''): Generator<[string, TreeNode]> {
    const start = this.getNode(dir);
    if (!start?.children) return;
    const stack: [string, TreeNode][] = [[dir, start]];
    while (stack.length > 0) {
      const [p, node] = stack.pop()!;
      for (const [name, child] of node.children!) {
        const cp = joinPath(p, name);
        yield [cp, child];
        if (child.children) stack.push([cp, child]);
      }
    }
  }
}

export function toStat(node: TreeNode): FileStat {
  return {
    type: node.type,
    size: node.size,
    mode: node.mode,
    ...(node.linkTarget !== undefined ? { linkTarget: node.linkTarget } : {}),
    ...(node.layer ? { layer: node.layer } : {}),
  };
}

/** Removes every descendant that came from a layer below `layerIndex`, keeping directories that still hold upper entries. */
function pruneLower(dir: TreeNode, layerIndex: number): void {
  for (const [name, child] of dir.children ?? []) {
    const fromThisLayer = child.layer?.index === layerIndex;
    if (child.children) {
      pruneLower(child, layerIndex);
      if (!fromThisLayer && child.children.size === 0) dir.children!.delete(name);
    } else if (!fromThisLayer) {
      dir.children!.delete(name);
    }
  }
}
