import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type OpenRegistryImageOptions,
  openRegistryImage,
} from '../../src/artifact/registry/open-registry-image.ts';
import { isBulwarkError } from '../../src/core/errors.ts';
import { buildTestImages, pushTestImages, TEST_REPOS } from '../support/registry/build-test-images.ts';
import { readLayer } from '../support/registry/read-layer.ts';
import { selfSignedCert } from '../support/registry/self-signed-cert.ts';
import { type StartedRegistry, startRegistry } from '../support/registry/start-registry.ts';
import { startTokenServer, type TokenServer } from '../support/registry/token-server.ts';
import { writeHtpasswd } from '../support/registry/write-htpasswd.ts';

// Needs Debian's docker-registry, skopeo, umoci and openssl; htpasswd (apache2-utils) or perl for bcrypt.
const amd64 = { os: 'linux', architecture: 'amd64' } as const;
const ALICE = { username: 'alice', password: 'pa ss:word' };
const BOB = { username: 'bob', password: 'hunter2' };
const CAROL = { username: 'carol', password: 'oauth' };
const hasCode = (code: string, text?: RegExp) => (e: unknown) => {
  assert.ok(isBulwarkError(e), `expected a BulwarkError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  if (text) assert.match(e.message, text);
  return true;
};

describe('registry authentication', { timeout: 180_000 }, () => {
  let work: string;
  let open: StartedRegistry;
  let basic: StartedRegistry;
  let bearer: StartedRegistry;
  let tls: StartedRegistry;
  let tokens: TokenServer;
  const noConfig = (): string => join(work, 'absent-config.json');
  const pull = async (
    host: string,
    ref: string,
    extra: Partial<OpenRegistryImageOptions> = {},
  ): Promise<{ layers: number; diffIdsOk: boolean }> => {
    const src = await openRegistryImage(`${host}/${ref}`, {
      platform: amd64,
      insecure: true,
      signal: AbortSignal.timeout(30_000),
      dockerConfigPath: noConfig(),
      ...extra,
    });
    try {
      let diffIdsOk = true;
      for (const layer of src.layers) {
        const read = await readLayer(layer, AbortSignal.timeout(30_000));
        diffIdsOk &&= read.diffId === layer.diffId && read.digest === layer.digest;
      }
      return { layers: src.layers.length, diffIdsOk };
    } finally {
      await src.close();
    }
  };

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-registry-auth-'));
    const storageDir = join(work, 'storage');
    // Push once through an open registry; the others serve the same storage with auth.
    open = await startRegistry({ workDir: work, storageDir });
    await pushTestImages(await buildTestImages(work), open.host);
    const htpasswd = join(work, 'htpasswd');
    await writeHtpasswd(htpasswd, { [ALICE.username]: ALICE.password });
    basic = await startRegistry({ workDir: work, storageDir, auth: { kind: 'htpasswd', path: htpasswd } });
    tokens = await startTokenServer({
      workDir: work,
      users: { [BOB.username]: BOB.password, [CAROL.username]: CAROL.password },
      publicPrefixes: ['bulwark/multi'],
      accessTokenUsers: [CAROL.username],
    });
    bearer = await startRegistry({
      workDir: work,
      storageDir,
      auth: {
        kind: 'token',
        realm: tokens.realm,
        service: tokens.service,
        issuer: tokens.issuer,
        rootCertBundle: tokens.certPath,
      },
    });
    tls = await startRegistry({
      workDir: work,
      storageDir,
      tls: await selfSignedCert(work, 'bulwark-test-registry'),
    });
  });
  after(async () => {
    await Promise.all([open?.stop(), basic?.stop(), bearer?.stop(), tls?.stop(), tokens?.stop()]);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('basic auth with --username/--password', async () => {
    assert.deepEqual(await pull(basic.host, TEST_REPOS.oci, ALICE), { layers: 2, diffIdsOk: true });
  });

  it('basic auth from a Docker config (base64 auth, or username/password under a URL key)', async () => {
    const auth = Buffer.from(`${ALICE.username}:${ALICE.password}`).toString('base64');
    const a = join(work, 'config-auth.json');
    await writeFile(
      a,
      JSON.stringify({ auths: { 'other.example': { auth: 'eDp5' }, [basic.host]: { auth } } }),
    );
    assert.equal((await pull(basic.host, TEST_REPOS.docker, { dockerConfigPath: a })).diffIdsOk, true);
    const b = join(work, 'config-userpass.json');
    await writeFile(b, JSON.stringify({ auths: { [`http://${basic.host}/v2/`]: { ...ALICE } } }));
    assert.equal((await pull(basic.host, TEST_REPOS.oci, { dockerConfigPath: b })).diffIdsOk, true);
  });

  it('wrong or missing basic credentials → E_REGISTRY_AUTH naming the registry', async () => {
    await assert.rejects(
      pull(basic.host, TEST_REPOS.oci, { username: 'alice', password: 'nope' }),
      hasCode('E_REGISTRY_AUTH', new RegExp(`${basic.host}.*user "alice"`)),
    );
    await assert.rejects(pull(basic.host, TEST_REPOS.oci), hasCode('E_REGISTRY_AUTH', /--username/));
  });

  it('a config with only credsStore says so in the auth error', async () => {
    const path = join(work, 'config-store.json');
    await writeFile(path, JSON.stringify({ auths: { [basic.host]: {} }, credsStore: 'desktop' }));
    await assert.rejects(
      pull(basic.host, TEST_REPOS.oci, { dockerConfigPath: path }),
      hasCode('E_REGISTRY_AUTH', /docker-credential-desktop.*credsStore/),
    );
  });

  it('bearer tokens from the realm with credentials, fetched once per scope', async () => {
    const before = tokens.requests.length;
    assert.deepEqual(await pull(bearer.host, TEST_REPOS.oci, BOB), { layers: 2, diffIdsOk: true });
    const asked = tokens.requests.slice(before);
    assert.deepEqual(asked, [{ user: 'bob', scopes: ['repository:bulwark/demo:pull'] }]);
  });

  it('bearer tokens in the access_token field', async () => {
    assert.equal((await pull(bearer.host, TEST_REPOS.zstd, CAROL)).diffIdsOk, true);
  });

  it('anonymous bearer tokens for a public repository, and denial for a private one', async () => {
    assert.deepEqual(await pull(bearer.host, TEST_REPOS.multi), { layers: 2, diffIdsOk: true });
    await assert.rejects(
      pull(bearer.host, TEST_REPOS.oci),
      hasCode('E_REGISTRY_AUTH', new RegExp(bearer.host)),
    );
  });

  it('wrong credentials at the token service → E_REGISTRY_AUTH', async () => {
    await assert.rejects(
      pull(bearer.host, TEST_REPOS.oci, { username: 'bob', password: 'wrong' }),
      hasCode('E_REGISTRY_AUTH', /token.*user "bob"/),
    );
  });

  it('--insecure accepts a self-signed TLS registry; without it the certificate is refused', async () => {
    assert.equal((await pull(tls.host, TEST_REPOS.oci)).diffIdsOk, true);
    await assert.rejects(
      pull(tls.host, TEST_REPOS.oci, { insecure: false }),
      hasCode('E_REGISTRY_HTTP', /certificate.*--insecure/),
    );
  });
});
