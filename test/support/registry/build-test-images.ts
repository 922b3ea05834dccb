import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../run-tool.ts';

/** OCI layouts built from this machine's real files (dpkg status, os-release). */
export interface TestImages {
  /** Tags `amd64` (two gzip layers), `arm64` (one layer) and `multi` (an index of both). */
  readonly layoutDir: string;
  /** Tag `amd64` again, with its layers recompressed as zstd. */
  readonly zstdLayoutDir: string;
}

/** What pushTestImages puts into a registry, as references under `host`. */
export const TEST_REPOS = {
  /** OCI manifest, gzip layers. */
  oci: 'bulwark/demo:oci',
  /** Docker v2 schema 2 manifest and media types. */
  docker: 'bulwark/demo:v2s2',
  /** OCI manifest, zstd layers. */
  zstd: 'bulwark/demo:zstd',
  /** OCI index: linux/amd64 + linux/arm64/v8. */
  multi: 'bulwark/multi:v1',
} as const;

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function umoci(args: string[]): Promise<void> {
  await runTool('umoci', args, { timeoutMs: 60_000 });
}

async function insert(image: string, from: string, to: string): Promise<void> {
  await umoci(['insert', ...(asRoot ? [] : ['--rootless']), '--image', image, from, to]);
}

/** Adds an index blob listing the `amd64` and `arm64` manifests with platforms, tagged `multi`. */
async function addIndex(layoutDir: string): Promise<void> {
  const indexPath = join(layoutDir, 'index.json');
  const top = JSON.parse(await readFile(indexPath, 'utf8')) as { manifests: Record<string, unknown>[] };
  const byTag = (tag: string): Record<string, unknown> => {
    const d = top.manifests.find(
      (m) =>
        (m.annotations as Record<string, string> | undefined)?.['org.opencontainers.image.ref.name'] === tag,
    );
    if (!d) throw new Error(`${layoutDir}: no tag ${tag}`);
    const { annotations: _tag, ...rest } = d;
    return rest;
  };
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { ...byTag('amd64'), platform: { os: 'linux', architecture: 'amd64' } },
      { ...byTag('arm64'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ],
  };
  const bytes = Buffer.from(JSON.stringify(index));
  const hex = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(layoutDir, 'blobs', 'sha256', hex), bytes);
  top.manifests.push({
    mediaType: index.mediaType,
    digest: `sha256:${hex}`,
    size: bytes.length,
    annotations: { 'org.opencontainers.image.ref.name': 'multi' },
  });
  await writeFile(indexPath, JSON.stringify(top));
}

/** Builds the test layouts under `workDir` with umoci (and skopeo for the zstd copy). */
export async function buildTestImages(workDir: string): Promise<TestImages> {
  const layoutDir = join(workDir, 'layout');
  await umoci(['init', '--layout', layoutDir]);

  const amd = `${layoutDir}:amd64`;
  await umoci(['new', '--image', amd]);
  await insert(amd, '/var/lib/dpkg/status', 'var/lib/dpkg/status');
  await insert(amd, '/usr/lib/os-release', 'etc/os-release');
  await umoci([
    'config',
    '--image',
    amd,
    '--os',
    'linux',
    '--architecture',
    'amd64',
    '--config.env',
    'BULWARK_TEST=1',
    '--config.cmd',
    '/bin/true',
    '--history.created_by',
    'bulwark test config',
  ]);

  const arm = `${layoutDir}:arm64`;
  await umoci(['new', '--image', arm]);
  await insert(arm, '/usr/lib/os-release', 'etc/os-release');
  await umoci(['config', '--image', arm, '--os', 'linux', '--architecture', 'arm64']);
  await addIndex(layoutDir);

  // Recompress into a second layout: pushing straight to a registry may reuse the gzip blobs.
  const zstdLayoutDir = join(workDir, 'layout-zstd');
  await skopeo(['copy', '--dest-compress-format', 'zstd', `oci:${amd}`, `oci:${zstdLayoutDir}:amd64`]);
  return { layoutDir, zstdLayoutDir };
}

function skopeo(args: string[]): Promise<string> {
  return runTool('skopeo', ['--insecure-policy', ...args], { timeoutMs: 120_000 });
}

/** Pushes the test images (see TEST_REPOS) to the plain-HTTP registry at `host`. */
export async function pushTestImages(images: TestImages, host: string): Promise<void> {
  const to = (ref: string): string => `docker://${host}/${ref}`;
  const tls = '--dest-tls-verify=false';
  await skopeo(['copy', tls, `oci:${images.layoutDir}:amd64`, to(TEST_REPOS.oci)]);
  await skopeo(['copy', tls, '--format', 'v2s2', `oci:${images.layoutDir}:amd64`, to(TEST_REPOS.docker)]);
  await skopeo(['copy', tls, `oci:${images.zstdLayoutDir}:amd64`, to(TEST_REPOS.zstd)]);
  await skopeo(['copy', tls, '--all', `oci:${images.layoutDir}:multi`, to(TEST_REPOS.multi)]);
}

/** The raw manifest bytes as skopeo (an independent client) sees them. */
export async function rawManifest(host: string, ref: string): Promise<Buffer> {
  const out = await skopeo(['inspect', '--tls-verify=false', '--raw', `docker://${host}/${ref}`]);
  return Buffer.from(out, 'utf8');
}
