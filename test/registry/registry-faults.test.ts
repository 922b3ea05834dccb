import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ImageSource } from '../../src/artifact/image-source.ts';
import {
  type OpenRegistryImageOptions,
  openRegistryImage,
} from '../../src/artifact/registry/open-registry-image.ts';
import { isBulwarkError } from '../../src/core/errors.ts';
import {
  buildTestImages,
  pushTestImages,
  rawManifest,
  TEST_REPOS,
} from '../support/registry/build-test-images.ts';
import { readLayer } from '../support/registry/read-layer.ts';
import {
  type ProxyBehaviour,
  type StartedProxy,
  startRegistryProxy,
} from '../support/registry/registry-proxy.ts';
import { type StartedRegistry, startRegistry } from '../support/registry/start-registry.ts';

// A misbehaving proxy in front of a real docker-registry: tampered bytes, redirects, 5xx, stalls.
const amd64 = { os: 'linux', architecture: 'amd64' } as const;
const hasCode = (code: string, text?: RegExp) => (e: unknown) => {
  assert.ok(isBulwarkError(e), `expected a BulwarkError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  if (text) assert.match(e.message, text);
  return true;
};

describe('registry faults', { timeout: 180_000 }, () => {
  let work: string;
  let registry: StartedRegistry;
  let manifest: { config: { digest: string }; layers: { digest: string }[] };
  const proxies: StartedProxy[] = [];
  const proxy = async (behaviour: ProxyBehaviour): Promise<StartedProxy> => {
    const p = await startRegistryProxy(registry.url, behaviour);
    proxies.push(p);
    return p;
  };
  const open = (host: string, extra: Partial<OpenRegistryImageOptions> = {}): Promise<ImageSource> =>
    openRegistryImage(`${host}/${TEST_REPOS.oci}`, {
      platform: amd64,
      insecure: true,
      signal: AbortSignal.timeout(30_000),
      dockerConfigPath: join(work, 'absent-config.json'),
      ...extra,
    });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-registry-faults-'));
    registry = await startRegistry({ workDir: work });
    await pushTestImages(await buildTestImages(work), registry.host);
    manifest = JSON.parse(
      (await rawManifest(registry.host, TEST_REPOS.oci)).toString('utf8'),
    ) as typeof manifest;
  });
  after(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('a tampered layer fails its stream with E_DIGEST_MISMATCH', async () => {
    const tampered = manifest.layers[1]!.digest;
    const p = await proxy({ tamperBlob: tampered });
    const src = await open(p.host);
    try {
      assert.equal(
        (await readLayer(src.layers[0]!, AbortSignal.timeout(30_000))).diffId,
        src.layers[0]?.diffId,
      );
      await assert.rejects(
        readLayer(src.layers[1]!, AbortSignal.timeout(30_000)),
        hasCode('E_DIGEST_MISMATCH', new RegExp(tampered)),
      );
    } finally {
      await src.close();
    }
  });

  it('a tampered config fails the open with E_DIGEST_MISMATCH', async () => {
    const p = await proxy({ tamperBlob: manifest.config.digest });
    await assert.rejects(open(p.host), hasCode('E_DIGEST_MISMATCH', /config/));
  });

  it('a manifest that does not match Docker-Content-Digest is refused', async () => {
    const p = await proxy({
      manifestDigestHeader: `sha256:${createHash('sha256').update('other').digest('hex')}`,
    });
    await assert.rejects(open(p.host), hasCode('E_DIGEST_MISMATCH', /Docker-Content-Digest/));
  });

  it('follows blob redirects to another origin without sending it the credentials', async () => {
    const p = await proxy({ basicAuth: { user: 'u', password: 'p' }, redirectBlobs: true });
    const src = await open(p.host, { username: 'u', password: 'p' });
    try {
      for (const layer of src.layers) {
        assert.equal((await readLayer(layer, AbortSignal.timeout(30_000))).diffId, layer.diffId);
      }
    } finally {
      await src.close();
    }
    const storage = p.requests.filter((r) => r.server === 'storage');
    assert.ok(storage.length >= 3, 'config and layers came from storage');
    assert.ok(storage.every((r) => r.authorization === undefined && r.status === 200));
    assert.ok(
      p.requests.some(
        (r) => r.server === 'registry' && r.status === 307 && r.authorization?.startsWith('Basic '),
      ),
    );
  });

  it('retries 503s a bounded number of times', async () => {
    const flaky = await proxy({ failBlobRequests: 2 });
    const src = await open(flaky.host);
    try {
      assert.equal(
        (await readLayer(src.layers[0]!, AbortSignal.timeout(30_000))).diffId,
        src.layers[0]?.diffId,
      );
    } finally {
      await src.close();
    }
    const configHits = flaky.requests
      .filter((r) => r.path.endsWith(manifest.config.digest))
      .map((r) => r.status);
    assert.deepEqual(configHits, [503, 503, 200]);

    const down = await proxy({ failBlobRequests: 100 });
    await assert.rejects(open(down.host), hasCode('E_REGISTRY_HTTP', /HTTP 503/));
    assert.equal(down.requests.filter((r) => r.path.endsWith(manifest.config.digest)).length, 3);
  });

  it('a stalled download ends with E_REGISTRY_HTTP after the body timeout', async () => {
    const p = await proxy({ stallBlob: manifest.layers[0]!.digest });
    const src = await open(p.host, { timeouts: { bodyMs: 500 } });
    try {
      const started = Date.now();
      await assert.rejects(
        readLayer(src.layers[0]!, AbortSignal.timeout(30_000)),
        hasCode('E_REGISTRY_HTTP', /failed after \d+ bytes \(the response stalled\)/),
      );
      assert.ok(Date.now() - started < 10_000);
    } finally {
      await src.close();
    }
  });
});
