import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { runCommand } from './run-command.ts';

/** Bump when the recipe below changes: a cached image of another recipe is rebuilt. */
const RECIPE = 1;
const TAG = 'bench';
const MIRROR = 'http://deb.debian.org/debian';

/** One layer on top of the debootstrap root filesystem: real directories of this machine, and more. */
interface LayerSpec {
  /** Absolute host paths copied to the same place in the image (skipped when missing). */
  readonly copy?: readonly string[];
  /** Image directories of which every second entry (by name) is deleted: whiteouts in the layer. */
  readonly thin?: readonly string[];
  /** A package of this machine whose dpkg status stanza (and info files) the layer adds. */
  readonly addPackage?: string;
  readonly createdBy: string;
}

const LAYERS: readonly LayerSpec[] = [
  {
    copy: ['/usr/lib/jvm/java-17-openjdk-amd64', '/etc/java-17-openjdk'],
    addPackage: 'openjdk-17-jre-headless',
    createdBy: 'bench: copy /usr/lib/jvm/java-17-openjdk-amd64, add openjdk-17-jre-headless to dpkg status',
  },
  { copy: ['/usr/share/doc'], createdBy: 'bench: copy /usr/share/doc' },
  { copy: ['/usr/share/locale'], createdBy: 'bench: copy /usr/share/locale' },
  {
    copy: ['/usr/include'],
    addPackage: 'libc6-dev',
    createdBy: 'bench: copy /usr/include, add libc6-dev to dpkg status',
  },
  { copy: ['/usr/share/man'], createdBy: 'bench: copy /usr/share/man' },
  {
    thin: ['usr/share/doc', 'usr/share/locale'],
    createdBy: 'bench: delete half of usr/share/doc and usr/share/locale',
  },
  {
    copy: ['/usr/lib/gcc'],
    addPackage: 'cpp-12',
    createdBy: 'bench: copy /usr/lib/gcc, add cpp-12 to dpkg status',
  },
  {
    copy: ['/usr/share/vim'],
    addPackage: 'vim-runtime',
    createdBy: 'bench: copy /usr/share/vim, add vim-runtime to dpkg status',
  },
  { addPackage: 'manpages', createdBy: 'bench: add manpages to dpkg status' },
];

export interface BenchLayer {
  readonly index: number;
  readonly digest: string;
  /** Absolute path of the (gzip) blob in the OCI layout. */
  readonly blob: string;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  readonly createdBy: string;
}

export interface AddedPackage {
  readonly name: string;
  readonly version: string;
  /** Index of the layer whose dpkg status first lists the package. */
  readonly layer: number;
}

export interface BenchImage {
  /** Absolute path of the OCI layout directory. */
  readonly ociDir: string;
  readonly tag: string;
  /** Absolute path of the same image as a docker-archive. */
  readonly archive: string;
  readonly layers: readonly BenchLayer[];
  readonly addedPackages: readonly AddedPackage[];
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  /** True when the image was taken from the cache rather than built by this call. */
  readonly cached: boolean;
}

interface CacheFile {
  readonly recipe: number;
  readonly layers: readonly Omit<BenchLayer, 'blob'>[];
  readonly addedPackages: readonly AddedPackage[];
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/**
 * The benchmark image: Debian bookworm minbase (debootstrap) plus one layer per LAYERS entry,
 * as an OCI layout (`<workDir>/image/oci`, tag `bench`, gzip layers) and a docker-archive
 * (`<workDir>/image/image.tar`). Built without Docker (debootstrap + umoci + skopeo) on first use
 * and cached; the debootstrap tree is cached separately so a recipe change does not download again.
 */
export async function buildBenchImage(workDir: string, log: (msg: string) => void): Promise<BenchImage> {
  const imageDir = join(workDir, 'image');
  const ociDir = join(imageDir, 'oci');
  const archive = join(imageDir, 'image.tar');
  const cachePath = join(imageDir, 'bench-image.json');
  const cached = await readCache(cachePath);
  if (cached && cached.recipe === RECIPE && (await exists(archive))) {
    const layers = cached.layers.map((l) => ({ ...l, blob: blobPath(ociDir, l.digest) }));
    if ((await Promise.all(layers.map((l) => exists(l.blob)))).every(Boolean)) {
      return summary(ociDir, archive, layers, cached.addedPackages, true);
    }
  }

  for (const tool of ['debootstrap', 'umoci', 'skopeo', 'gzip']) {
    const found = await runCommand('sh', ['-c', `command -v ${tool}`], { allowFailure: true });
    if (found.code !== 0) throw new Error(`${tool} not found: apt-get install debootstrap umoci skopeo gzip`);
  }
  const baseRootfs = await debootstrapRootfs(workDir, log);

  log(
    `Building the benchmark image in ${relative(process.cwd(), imageDir)} (umoci, ${LAYERS.length + 1} layers)…`,
  );
  const buildDir = join(workDir, 'build');
  const bundle = join(buildDir, 'bundle');
  const rootfs = join(bundle, 'rootfs');
  const ref = `${ociDir}:${TAG}`;
  await rm(imageDir, { recursive: true, force: true });
  await rm(buildDir, { recursive: true, force: true });
  await mkdir(imageDir, { recursive: true });
  await mkdir(buildDir, { recursive: true });
  await runCommand('umoci', ['init', '--layout', ociDir]);
  await runCommand('umoci', ['new', '--image', ref]);
  await runCommand('umoci', ['unpack', '--image', ref, bundle]);
  await rm(rootfs, { recursive: true, force: true });
  await runCommand('cp', ['-a', baseRootfs, rootfs]);
  const createdBy = [`debootstrap --variant=minbase bookworm ${MIRROR}`];
  await repack(ref, bundle, createdBy[0]!);

  const hostStanzas = parseStatus(await readFile('/var/lib/dpkg/status', 'utf8'));
  const addedPackages: AddedPackage[] = [];
  for (const [i, spec] of LAYERS.entries()) {
    log(`  layer ${i + 1}/${LAYERS.length}: ${spec.createdBy}`);
    for (const src of spec.copy ?? []) {
      if (!(await exists(src))) {
        log(`    (skipped ${src}: not on this machine)`);
        continue;
      }
      const dest = join(rootfs, src);
      await mkdir(dest, { recursive: true });
      await runCommand('cp', ['-a', `${src}/.`, `${dest}/`]);
    }
    for (const dir of spec.thin ?? []) {
      const names = (await readdir(join(rootfs, dir))).sort();
      await Promise.all(
        names
          .filter((_, k) => k % 2 === 0)
          .map((n) => rm(join(rootfs, dir, n), { recursive: true, force: true })),
      );
    }
    if (spec.addPackage) {
      const added = await addPackage(rootfs, spec.addPackage, hostStanzas, i + 1);
      addedPackages.push(added);
      log(`    added ${added.name} ${added.version} to var/lib/dpkg/status`);
    }
    await repack(ref, bundle, spec.createdBy);
    createdBy.push(spec.createdBy);
  }
  await runCommand('umoci', ['config', '--no-history', '--image', ref, '--config.cmd', '/bin/bash']);
  await runCommand('umoci', ['gc', '--layout', ociDir]);
  await rm(buildDir, { recursive: true, force: true });

  log('  writing the docker-archive (skopeo)…');
  await runCommand('skopeo', [
    'copy',
    '--quiet',
    `oci:${ref}`,
    `docker-archive:${archive}:bulwark-bench:latest`,
  ]);

  log('  measuring the layers…');
  const digests = await layerDigests(ociDir);
  if (digests.length !== createdBy.length) {
    throw new Error(`expected ${createdBy.length} layers in ${ref}, found ${digests.length}`);
  }
  const layers: BenchLayer[] = [];
  for (const [index, { digest, size }] of digests.entries()) {
    const blob = blobPath(ociDir, digest);
    layers.push({
      index,
      digest,
      blob,
      compressedBytes: size,
      uncompressedBytes: await gunzippedSize(blob),
      createdBy: createdBy[index]!,
    });
  }
  const cache: CacheFile = {
    recipe: RECIPE,
    layers: layers.map(({ blob: _blob, ...rest }) => rest),
    addedPackages,
  };
  await writeFile(cachePath, `${JSON.stringify(cache, null, 2)}\n`);
  return summary(ociDir, archive, layers, addedPackages, false);
}

function summary(
  ociDir: string,
  archive: string,
  layers: readonly BenchLayer[],
  addedPackages: readonly AddedPackage[],
  cached: boolean,
): BenchImage {
  return {
    ociDir,
    tag: TAG,
    archive,
    layers,
    addedPackages,
    compressedBytes: layers.reduce((n, l) => n + l.compressedBytes, 0),
    uncompressedBytes: layers.reduce((n, l) => n + l.uncompressedBytes, 0),
    cached,
  };
}

async function readCache(path: string): Promise<CacheFile | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
}

/** Debian bookworm minbase, downloaded once into `<workDir>/debootstrap/rootfs`. */
async function debootstrapRootfs(workDir: string, log: (msg: string) => void): Promise<string> {
  const dir = join(workDir, 'debootstrap');
  const rootfs = join(dir, 'rootfs');
  if (await exists(join(dir, 'complete'))) return rootfs;
  log(
    `Running debootstrap --variant=minbase bookworm into ${relative(process.cwd(), rootfs)} (a minute or two)…`,
  );
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await runCommand('debootstrap', ['--variant=minbase', 'bookworm', rootfs, MIRROR]);
  await writeFile(join(dir, 'complete'), `${new Date().toISOString()}\n`);
  return rootfs;
}

async function repack(ref: string, bundle: string, createdBy: string): Promise<void> {
  await runCommand('umoci', [
    'repack',
    '--refresh-bundle',
    '--history.created_by',
    createdBy,
    '--image',
    ref,
    bundle,
  ]);
}

interface Stanza {
  readonly name: string;
  readonly version: string;
  readonly installed: boolean;
  readonly text: string;
}

function parseStatus(text: string): Stanza[] {
  return text
    .split(/\n\s*\n/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => ({
      name: /^Package:\s*(\S+)/m.exec(t)?.[1] ?? '',
      version: /^Version:\s*(\S+)/m.exec(t)?.[1] ?? '',
      installed: /^Status:.*\binstalled$/m.test(t),
      text: t,
    }));
}

/**
 * Appends this machine's status stanza of `wanted` (or, when it is missing here or already in the
 * image, of the first installed package the image lacks) to the image's dpkg status, with its
 * `info/*.list` and `*.md5sums` files.
 */
async function addPackage(
  rootfs: string,
  wanted: string,
  host: readonly Stanza[],
  layer: number,
): Promise<AddedPackage> {
  const statusPath = join(rootfs, 'var/lib/dpkg/status');
  const status = await readFile(statusPath, 'utf8');
  const present = new Set(parseStatus(status).map((s) => s.name));
  const candidates = host.filter((s) => s.installed && s.name && !present.has(s.name));
  const stanza =
    candidates.find((s) => s.name === wanted) ??
    [...candidates].sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (!stanza) throw new Error('no package of this machine is missing from the image: cannot add one');
  await writeFile(statusPath, `${status.replace(/\n+$/, '')}\n\n${stanza.text}\n`);
  const info = join(rootfs, 'var/lib/dpkg/info');
  for (const base of [stanza.name, `${stanza.name}:amd64`]) {
    for (const ext of ['list', 'md5sums']) {
      const src = `/var/lib/dpkg/info/${base}.${ext}`;
      if (await exists(src)) await copyFile(src, join(info, `${base}.${ext}`));
    }
  }
  return { name: stanza.name, version: stanza.version, layer };
}

function blobPath(ociDir: string, digest: string): string {
  const [alg, hex] = digest.split(':');
  return resolve(ociDir, 'blobs', alg!, hex!);
}

async function layerDigests(ociDir: string): Promise<{ digest: string; size: number }[]> {
  const index = JSON.parse(await readFile(join(ociDir, 'index.json'), 'utf8')) as {
    manifests: { digest: string; annotations?: Record<string, string> }[];
  };
  const entry = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === TAG);
  if (!entry) throw new Error(`${ociDir}: no manifest tagged ${TAG}`);
  const manifest = JSON.parse(await readFile(blobPath(ociDir, entry.digest), 'utf8')) as {
    layers: { digest: string; size: number }[];
  };
  return manifest.layers.map((l) => ({ digest: l.digest, size: l.size }));
}

async function gunzippedSize(path: string): Promise<number> {
  let n = 0;
  const count = new Writable({
    write(chunk: Buffer, _enc, done) {
      n += chunk.length;
      done();
    },
  });
  await pipeline(createReadStream(path), createGunzip(), count);
  return n;
}
