import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openRegistryImage, type RegistryProgress } from '../../src/artifact/registry/open-registry-image.ts';
import { isBulwarkError } from '../../src/core/errors.ts';
import {
  buildTestImages,
  pushTestImages,
  rawManifest,
  TEST_REPOS,
} from '../support/registry/build-test-images.ts';
import { freePort } from '../support/registry/free-port.ts';
import { readLayer } from '../support/registry/read-layer.ts';
import { type StartedRegistry, startRegistry } from '../support/registry/start-registry.ts';

// Needs Debian's docker-registry, skopeo and umoci (see .ci/run).
const amd64 = { os: 'linux', architecture: 'amd64' } as const;
const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const signal = (): AbortSignal => AbortSignal.timeout(30_000);
const hasCode = (code: string, text?: RegExp) => (e: unknown) => {
  assert.ok(isBulwarkError(e), `expected a BulwarkError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  if (text) assert.match(e.message, text);
  return true;
};

describe('openRegistryImage against docker-registry', { timeout: 180_000 }, () => {
  let work: string;
  let registry: StartedRegistry;
  const open = (ref: string, extra: Partial<Parameters<typeof openRegistryImage>[1]> = {}) =>
    openRegistryImage(`${registry.host}/${ref}`, {
      platform: amd64,
      insecure: true,
      signal: signal(),
      dockerConfigPath: join(work, 'no-docker-config.json'),
      ...extra,
    });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-registry-'));
    registry = await startRegistry({ workDir: work });
    await pushTestImages(await buildTestImages(work), registry.host);
  });
  after(async () => {
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('pulls an OCI image by tag: info, manifest and config digests, and layers that verify', async () => {
    const progress: RegistryProgress[] = [];
    const src = await open(TEST_REPOS.oci, { onProgress: (p) => progress.push(p) });
    try {
      const raw = await rawManifest(registry.host, TEST_REPOS.oci);
      const manifest = JSON.parse(raw.toString('utf8')) as {
        config: { digest: string };
        layers: { digest: string; size: number }[];
      };
      const ref = `${registry.host}/${TEST_REPOS.oci}`;
      assert.equal(src.info.reference, ref);
      assert.equal(src.info.manifestDigest, sha256(raw));
      assert.equal(src.info.configDigest, manifest.config.digest);
      assert.equal(src.info.mediaType, 'application/vnd.oci.image.manifest.v1+json');
      assert.deepEqual(src.info.platform, { os: 'linux', architecture: 'amd64' });
      assert.deepEqual(src.info.repoTags, [ref]);
      assert.deepEqual(src.info.repoDigests, [`${registry.host}/bulwark/demo@${sha256(raw)}`]);
      assert.deepEqual((src.info.config as { Env?: string[] }).Env?.includes('BULWARK_TEST=1'), true);
      assert.equal(src.layers.length, 2);
      for (const [i, layer] of src.layers.entries()) {
        assert.equal(layer.digest, manifest.layers[i]?.digest);
        assert.equal(layer.size, manifest.layers[i]?.size);
        assert.equal(src.info.layers[i]?.diffId, layer.diffId);
        const read = await readLayer(layer, signal());
        assert.equal(read.digest, layer.digest);
        assert.equal(read.diffId, layer.diffId, `diffId of layer ${i}`);
      }
      assert.ok(progress.some((p) => p.phase === 'manifest'));
      assert.ok(progress.some((p) => p.phase === 'config'));
      const last = progress.filter((p) => p.phase === 'layer' && p.digest === src.layers[0]?.digest).at(-1);
      assert.equal(last?.bytes, src.layers[0]?.size);
    } finally {
      await src.close();
      await src.close();
    }
  });

  it('pulls by digest and by tag+digest, verifying the pinned manifest', async () => {
    const digest = sha256(await rawManifest(registry.host, TEST_REPOS.oci));
    for (const ref of [`bulwark/demo@${digest}`, `${TEST_REPOS.oci}@${digest}`]) {
      const src = await open(ref);
      try {
        assert.equal(src.info.manifestDigest, digest);
        assert.equal(src.info.reference, `${registry.host}/${ref}`);
        assert.deepEqual(
          src.info.repoTags,
          ref.includes(':oci') ? [`${registry.host}/${TEST_REPOS.oci}`] : [],
        );
        const read = await readLayer(src.layers[1]!, signal());
        assert.equal(read.diffId, src.layers[1]?.diffId);
      } finally {
        await src.close();
      }
    }
  });

  it('reads Docker v2 schema 2 media types', async () => {
    const src = await open(TEST_REPOS.docker);
    try {
      assert.equal(src.info.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
      assert.equal(src.layers[0]?.mediaType, 'application/vnd.docker.image.rootfs.diff.tar.gzip');
      for (const layer of src.layers) assert.equal((await readLayer(layer, signal())).diffId, layer.diffId);
    } finally {
      await src.close();
    }
  });

  it('streams zstd layers (same diffIds as the gzip image)', async () => {
    const gzip = await open(TEST_REPOS.oci);
    const src = await open(TEST_REPOS.zstd);
    try {
      assert.equal(src.layers[0]?.mediaType, 'application/vnd.oci.image.layer.v1.tar+zstd');
      assert.notEqual(src.layers[0]?.digest, gzip.layers[0]?.digest);
      for (const layer of src.layers) assert.equal((await readLayer(layer, signal())).diffId, layer.diffId);
      assert.deepEqual(
        src.layers.map((l) => l.diffId),
        gzip.layers.map((l) => l.diffId),
      );
    } finally {
      await Promise.all([src.close(), gzip.close()]);
    }
  });

  it('picks the requested platform from a multi-platform index', async () => {
    const indexDigest = sha256(await rawManifest(registry.host, TEST_REPOS.multi));
    const amd = await open(TEST_REPOS.multi);
    const arm = await open(TEST_REPOS.multi, {
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    });
    try {
      assert.deepEqual(amd.info.platform, { os: 'linux', architecture: 'amd64' });
      assert.equal(arm.info.platform.architecture, 'arm64');
      assert.equal(amd.layers.length, 2);
      assert.equal(arm.layers.length, 1);
      assert.notEqual(amd.info.manifestDigest, indexDigest);
      assert.deepEqual(amd.info.repoDigests, [`${registry.host}/bulwark/multi@${indexDigest}`]);
      assert.equal((await readLayer(arm.layers[0]!, signal())).diffId, arm.layers[0]?.diffId);
    } finally {
      await Promise.all([amd.close(), arm.close()]);
    }
    await assert.rejects(
      open(TEST_REPOS.multi, { platform: { os: 'linux', architecture: 's390x' } }),
      hasCode('E_PLATFORM_NOT_FOUND', /linux\/amd64, linux\/arm64\/v8/),
    );
  });

  it('reports a missing tag or repository as E_REGISTRY_NOT_FOUND naming it', async () => {
    await assert.rejects(open('bulwark/demo:nope'), hasCode('E_REGISTRY_NOT_FOUND', /bulwark\/demo:nope/));
    await assert.rejects(open('bulwark/absent'), hasCode('E_REGISTRY_NOT_FOUND', /bulwark\/absent:latest/));
  });

  it('rejects invalid references before any request', async () => {
    await assert.rejects(open('Bulwark/Demo'), hasCode('E_REFERENCE_INVALID'));
  });

  it('needs --insecure for a plain-HTTP registry', async () => {
    await assert.rejects(
      open(TEST_REPOS.oci, { insecure: false }),
      hasCode('E_REGISTRY_HTTP', new RegExp(`${registry.host}.*does not speak TLS.*--insecure`)),
    );
  });

  it('reports an unreachable registry clearly', async () => {
    const port = await freePort();
    await assert.rejects(
      openRegistryImage(`127.0.0.1:${port}/x:y`, { platform: amd64, insecure: true, signal: signal() }),
      hasCode('E_REGISTRY_HTTP', /connection refused/),
    );
  });

  it('gives up on a silent server after the connect/headers timeouts', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      await assert.rejects(
        openRegistryImage(`127.0.0.1:${port}/x:y`, {
          platform: amd64,
          insecure: true,
          signal: signal(),
          timeouts: { connectMs: 300, headersMs: 300 },
        }),
        hasCode('E_REGISTRY_HTTP', /https: connect timed out; http: no response within the timeout/),
      );
      assert.ok(Date.now() - started < 10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(open(TEST_REPOS.oci, { signal: controller.signal }), hasCode('E_ABORTED'));
    const src = await open(TEST_REPOS.oci);
    try {
      const layerAbort = new AbortController();
      const stream = await src.layers[0]!.open(layerAbort.signal);
      layerAbort.abort();
      await assert.rejects(
        (async () => {
          for await (const _ of stream) {
            // drain
          }
        })(),
        hasCode('E_ABORTED'),
      );
    } finally {
      await src.close();
    }
  });
});
