import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openImage } from '../../src/artifact/open-image.ts';
import { BulwarkError } from '../../src/core/errors.ts';
import { exportAs } from '../support/image-builder.ts';
import { buildTestImages, type TestImages } from '../support/registry/build-test-images.ts';

/** A local OCI layout whose tag points at an index of linux/amd64 and linux/arm64/v8 (a nested index). */
describe('multi-platform OCI layouts and oci-archives', () => {
  let work: string;
  let images: TestImages;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-multi-'));
    images = await buildTestImages(work);
  });
  after(() => rm(work, { recursive: true, force: true }));

  const open = (target: string, platform: string) => {
    const [os, architecture, variant] = platform.split('/') as [string, string, string?];
    return openImage(target, {
      platform: { os, architecture, ...(variant ? { variant } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
  };

  it('--platform picks the matching image through the nested index', async () => {
    const amd = await open(`${images.layoutDir}:multi`, 'linux/amd64');
    const arm = await open(`${images.layoutDir}:multi`, 'linux/arm64');
    assert.equal(amd.info.platform.architecture, 'amd64');
    assert.equal(arm.info.platform.architecture, 'arm64');
    assert.notEqual(amd.info.configDigest, arm.info.configDigest);
    assert.equal(amd.layers.length, 2);
  });

  it('the same through an oci-archive', async () => {
    const archive = await exportAs(
      { dir: work, layout: images.layoutDir, tag: 'multi', dispose: async () => {} },
      'oci-archive',
      'multi.tar',
      { all: true },
    );
    const arm = await open(archive, 'linux/arm64/v8');
    assert.equal(arm.info.platform.architecture, 'arm64');
  });

  it('a platform the index lacks is E_PLATFORM_NOT_FOUND listing what it offers', async () => {
    await assert.rejects(open(`${images.layoutDir}:multi`, 'linux/s390x'), (e: unknown) => {
      assert.ok(e instanceof BulwarkError);
      assert.equal(e.code, 'E_PLATFORM_NOT_FOUND');
      assert.match(e.message, /linux\/amd64.*linux\/arm64/);
      return true;
    });
  });

  it('an unknown tag names the tags there are', async () => {
    await assert.rejects(
      open(`${images.layoutDir}:nope`, 'linux/amd64'),
      /no image tagged "nope" \(tags: .*amd64/,
    );
  });
});
