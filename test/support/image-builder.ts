import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './run-tool.ts';

/** One layer: files copied in (host path → image path) and paths whited out. */
export interface LayerSpec {
  readonly insert?: readonly (readonly [hostPath: string, imagePath: string])[];
  readonly whiteout?: readonly string[];
  /** Directories inserted with --opaque: lower layers' contents below the target are hidden. */
  readonly opaque?: readonly (readonly [hostPath: string, imagePath: string])[];
}

export interface BuiltImage {
  /** Work directory; removed by dispose(). */
  readonly dir: string;
  /** OCI layout directory holding the image tagged `tag`. */
  readonly layout: string;
  readonly tag: string;
  dispose(): Promise<void>;
}

/**
 * Builds a real OCI image with umoci (no Docker): one `umoci insert` per inserted path, so every
 * LayerSpec entry becomes real layers in order. Then `exportAs` converts it with skopeo.
 */
export async function buildImage(
  layers: readonly LayerSpec[],
  opts: { tag?: string; arch?: string; os?: string; user?: string } = {},
): Promise<BuiltImage> {
  const { dir, layout, tag, ref } = await newLayout(opts.tag);
  for (const layer of layers) {
    for (const [host, path] of layer.insert ?? [])
      await runTool('umoci', ['insert', '--image', ref, host, path]);
    for (const path of layer.whiteout ?? [])
      await runTool('umoci', ['insert', '--image', ref, '--whiteout', path]);
    for (const [host, path] of layer.opaque ?? [])
      await runTool('umoci', ['insert', '--image', ref, '--opaque', host, path]);
  }
  const cfg = [
    ...(opts.arch ? ['--architecture', opts.arch] : []),
    ...(opts.os ? ['--os', opts.os] : []),
    ...(opts.user ? ['--config.user', opts.user] : []),
  ];
  if (cfg.length > 0) await runTool('umoci', ['config', '--image', ref, ...cfg]);
  return { dir, layout, tag, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A temp dir holding an empty OCI layout with one empty image tagged `tag`. */
async function newLayout(tagOpt: string | undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-img-'));
  const layout = join(dir, 'oci');
  const tag = tagOpt ?? 'test';
  const ref = `${layout}:${tag}`;
  await runTool('umoci', ['init', '--layout', layout]);
  await runTool('umoci', ['new', '--image', ref]);
  return { dir, layout, tag, ref };
}

export type ExportFormat = 'docker-archive' | 'oci-archive' | 'oci';

/** Copies the image with skopeo to another transport; `compress` picks the layer compression. */
export async function exportAs(
  img: BuiltImage,
  format: ExportFormat,
  name: string,
  opts: { compress?: 'gzip' | 'zstd' | 'none'; all?: boolean } = {},
): Promise<string> {
  const out = join(img.dir, name);
  const dest =
    format === 'docker-archive'
      ? `docker-archive:${out}:bulwark/test:${img.tag}`
      : `${format}:${out}${format === 'oci' ? `:${img.tag}` : ''}`;
  const compress =
    opts.compress === 'none'
      ? ['--dest-decompress']
      : opts.compress
        ? ['--dest-compress', '--dest-compress-format', opts.compress]
        : [];
  await runTool('skopeo', [
    'copy',
    '--quiet',
    ...(opts.all ? ['--all'] : []),
    ...compress,
    `oci:${img.layout}:${img.tag}`,
    dest,
  ]);
  return out;
}

/**
 * Builds a one-layer OCI image from a whole root filesystem directory (umoci unpack/repack, the
 * way real image builders diff a rootfs), tagged `tag`, in a new temp dir.
 */
export async function imageFromRootfs(rootfs: string, opts: { tag?: string } = {}): Promise<BuiltImage> {
  const { dir, layout, tag, ref } = await newLayout(opts.tag);
  const bundle = join(dir, 'bundle');
  await runTool('umoci', ['unpack', '--image', ref, bundle]);
  await rm(join(bundle, 'rootfs'), { recursive: true, force: true });
  await runTool('cp', ['-a', rootfs, join(bundle, 'rootfs')]);
  await runTool('umoci', ['repack', '--image', ref, bundle]);
  await rm(bundle, { recursive: true, force: true });
  return { dir, layout, tag, dispose: () => rm(dir, { recursive: true, force: true }) };
}
