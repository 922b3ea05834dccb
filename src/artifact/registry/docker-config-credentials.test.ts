import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isBulwarkError } from '../../core/errors.ts';
import { lookupDockerConfigCredentials } from './docker-config-credentials.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('lookupDockerConfigCredentials', () => {
  let dir: string;
  const config = async (doc: unknown): Promise<string> => {
    const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return path;
  };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-docker-config-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds Docker Hub credentials under any of its key spellings', async () => {
    for (const key of [
      'https://index.docker.io/v1/',
      'index.docker.io',
      'docker.io',
      'https://registry-1.docker.io',
    ]) {
      const path = await config({ auths: { [key]: { auth: b64('hub:pw:with:colons') } } });
      assert.deepEqual(await lookupDockerConfigCredentials('docker.io', path), {
        credentials: { username: 'hub', password: 'pw:with:colons' },
      });
    }
  });

  it('matches other registries by host[:port], with or without scheme and path', async () => {
    const path = await config({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:x') },
        'http://127.0.0.1:5000/v2/': { username: 'local', password: 'pw' },
        'ghcr.io': { auth: b64('gh:token') },
      },
    });
    assert.deepEqual((await lookupDockerConfigCredentials('127.0.0.1:5000', path)).credentials, {
      username: 'local',
      password: 'pw',
    });
    assert.deepEqual((await lookupDockerConfigCredentials('ghcr.io', path)).credentials, {
      username: 'gh',
      password: 'token',
    });
    assert.deepEqual(await lookupDockerConfigCredentials('127.0.0.1:5001', path), {});
  });

  it('explains credential helpers and identity tokens instead of running anything', async () => {
    const store = await config({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' });
    assert.match(
      (await lookupDockerConfigCredentials('ghcr.io', store)).helperNote ?? '',
      /docker-credential-desktop.*credsStore/,
    );
    const helpers = await config({ credHelpers: { 'quay.io': 'ecr-login' }, credsStore: 'pass' });
    assert.match(
      (await lookupDockerConfigCredentials('quay.io', helpers)).helperNote ?? '',
      /docker-credential-ecr-login.*credHelpers/,
    );
    const idToken = await config({ auths: { 'ghcr.io': { identitytoken: 'abc' } } });
    assert.match(
      (await lookupDockerConfigCredentials('ghcr.io', idToken)).helperNote ?? '',
      /identity token/,
    );
  });

  it('treats a missing file as no credentials and a broken one as an error', async () => {
    assert.deepEqual(await lookupDockerConfigCredentials('ghcr.io', join(dir, 'absent.json')), {});
    const broken = await config('{ not json');
    await assert.rejects(
      lookupDockerConfigCredentials('ghcr.io', broken),
      (e) => isBulwarkError(e) && e.code === 'E_INPUT_UNREADABLE',
    );
    const badAuth = await config({ auths: { 'ghcr.io': { auth: b64('no-colon') } } });
    await assert.rejects(lookupDockerConfigCredentials('ghcr.io', badAuth), /not base64 of "user:password"/);
  });
});
