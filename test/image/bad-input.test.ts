import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ImageSource, LayerBlob } from '../../src/artifact/image-source.ts';
import { openImage } from '../../src/artifact/open-image.ts';
import { BulwarkError } from '../../src/core/errors.ts';
import type { Extractor } from '../../src/extract/extractor.ts';
import { walkImage } from '../../src/extract/walk-image.ts';
import { buildImage, exportAs } from '../support/image-builder.ts';
import { runTool } from '../support/run-tool.ts';

const everything: Extractor = {
  name: 'test/everything',
  version: 1,
  maxFileSize: 1024 * 1024,
  fileRequired: () => true,
  async extract() {
    return { packages: [] };
  },
};

const signal = () => AbortSignal.timeout(30_000);
const platform = { os: 'linux', architecture: 'amd64' };

function fileLayer(path: string): ImageSource {
  const blob: LayerBlob = { index: 0, open: async () => createReadStream(path) };
  return { info: {} as ImageSource['info'], layers: [blob], close: async () => {} };
}

async function walkFile(path: string) {
  return walkImage(fileLayer(path), [everything], { signal: signal() });
}

async function rejectsWith(p: Promise<unknown>, code: string, pattern: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof BulwarkError, `expected a BulwarkError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('bad input never crashes, hangs or writes', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-bad-'));
    await mkdir(join(dir, 'root/etc'), { recursive: true });
    await writeFile(join(dir, 'root/etc/hostname'), 'host\n');
    await writeFile(join(dir, 'root/etc/big'), Buffer.alloc(300_000, 7));
    await runTool('tar', ['-C', join(dir, 'root'), '-cf', join(dir, 'good.tar'), 'etc']);
    await runTool('gzip', ['-k', join(dir, 'good.tar')]);
    await runTool('zstd', ['-q', '-k', join(dir, 'good.tar'), '-o', join(dir, 'good.tar.zst')]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads a good gzip and zstd layer', async () => {
    for (const f of ['good.tar.gz', 'good.tar.zst', 'good.tar']) {
      const walk = await walkFile(join(dir, f));
      assert.equal(Buffer.from((await walk.fs.readFile('etc/hostname'))!).toString(), 'host\n', f);
    }
  });

  it('truncated gzip and zstd give E_LAYER_CORRUPT naming the layer', async () => {
    for (const f of ['good.tar.gz', 'good.tar.zst']) {
      const cut = join(dir, `cut-${f}`);
      const data = await readFile(join(dir, f));
      await writeFile(cut, data.subarray(0, Math.floor(data.length / 2)));
      await rejectsWith(walkFile(cut), 'E_LAYER_CORRUPT', /Cannot read layer 0: .*(truncated|end)/i);
    }
  });

  it('a truncated plain tar and a corrupt tar header are clear errors', async () => {
    const data = await readFile(join(dir, 'good.tar'));
    await writeFile(join(dir, 'cut.tar'), data.subarray(0, 1024 + 700));
    await rejectsWith(walkFile(join(dir, 'cut.tar')), 'E_LAYER_CORRUPT', /truncated/);
    const bad = Buffer.from(data);
    bad.write('garbage!', 100, 'latin1');
    await writeFile(join(dir, 'badheader.tar'), bad);
    await rejectsWith(
      walkFile(join(dir, 'badheader.tar')),
      'E_LAYER_CORRUPT',
      /not a tar header \(bad checksum\) at byte 0/,
    );
  });

  it('entries climbing above the root are recorded and skipped; absolute names stay inside', async () => {
    await mkdir(join(dir, 'a/b'), { recursive: true });
    await writeFile(join(dir, 'a/evil'), 'x');
    await runTool('tar', ['-C', join(dir, 'a/b'), '-cPf', join(dir, 'evil.tar'), '../evil', '/etc/hostname']);
    const walk = await walkFile(join(dir, 'evil.tar'));
    assert.deepEqual(
      walk.errors.map((e) => [e.path, e.message]),
      [['../evil', 'entry path climbs above the root; skipped']],
    );
    assert.ok(walk.fs.stat('etc/hostname'), 'absolute /etc/hostname is read as etc/hostname');
  });

  it('symlink loops resolve to nothing instead of hanging', async () => {
    const root = join(dir, 'loop');
    await mkdir(root, { recursive: true });
    await symlink('b', join(root, 'a'));
    await symlink('a', join(root, 'b'));
    await runTool('tar', ['-C', root, '-cf', join(dir, 'loop.tar'), 'a', 'b']);
    const walk = await walkFile(join(dir, 'loop.tar'));
    assert.equal(walk.fs.stat('a'), undefined);
    assert.equal(await walk.fs.readFile('a/x'), undefined);
  });

  it('a 10 GB sparse file is skipped without reading it into memory', async () => {
    const root = join(dir, 'sparse');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'huge'), '');
    await truncate(join(root, 'huge'), 10 * 1024 ** 3);
    for (const format of ['gnu', 'pax']) {
      const tarFile = join(dir, `sparse-${format}.tar`);
      await runTool('tar', ['-C', root, `--format=${format}`, '--sparse', '-cf', tarFile, 'huge']);
      assert.ok((await stat(tarFile)).size < 1024 * 1024, 'the archive itself is small');
      const before = process.memoryUsage().rss;
      const walk = await walkFile(tarFile);
      assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
      // Its stored data is a sparse map, not the file: known by its real name, never read as content.
      assert.equal(walk.fs.stat('huge')?.type, 'other', format);
      assert.equal(await walk.fs.readFile('huge'), undefined);
      assert.deepEqual(walk.errors, []);
    }
  });

  describe('image archives', () => {
    let layout: string;
    let archive: string;
    before(async () => {
      const img = await buildImage([{ insert: [[join(dir, 'root/etc/hostname'), '/etc/hostname']] }]);
      layout = await exportAs(img, 'oci', 'layout');
      archive = await exportAs(img, 'docker-archive', 'docker.tar');
    });

    it('a layer whose bytes changed fails with E_DIGEST_MISMATCH', async () => {
      const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8'));
      const manifest = JSON.parse(
        await readFile(join(layout, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8'),
      );
      const blob = join(layout, 'blobs/sha256', manifest.layers[0].digest.slice(7));
      const data = await readFile(blob);
      data[data.length - 10] = (data[data.length - 10]! + 1) % 256;
      await writeFile(blob, data);
      const source = await openImage(`${layout}:test`, { platform, signal: signal() });
      await assert.rejects(walkImage(source, [everything], { signal: signal() }), (e: unknown) => {
        assert.ok(e instanceof BulwarkError);
        assert.ok(['E_DIGEST_MISMATCH', 'E_LAYER_CORRUPT'].includes(e.code), e.code);
        return true;
      });
    });

    it('a manifest naming a missing layer is E_LAYER_MISSING', async () => {
      const x = join(dir, 'x');
      await mkdir(x, { recursive: true });
      await runTool('tar', ['-C', x, '-xf', archive]);
      const manifest = JSON.parse(await readFile(join(x, 'manifest.json'), 'utf8'));
      manifest[0].Layers[0] = 'nope/layer.tar';
      await writeFile(join(x, 'manifest.json'), JSON.stringify(manifest));
      await runTool('tar', ['-C', x, '-cf', join(dir, 'missing.tar'), '.']);
      await rejectsWith(
        openImage(join(dir, 'missing.tar'), { platform, signal: signal() }),
        'E_LAYER_MISSING',
        /nope\/layer\.tar/,
      );
    });

    it('garbage and empty files are clear errors', async () => {
      await writeFile(join(dir, 'garbage.tar'), Buffer.alloc(4096, 0x41));
      await rejectsWith(
        openImage(join(dir, 'garbage.tar'), { platform, signal: signal() }),
        'E_ARCHIVE_INVALID',
        /garbage\.tar: not a tar header/,
      );
      await writeFile(join(dir, 'empty.tar'), '');
      await rejectsWith(
        openImage(join(dir, 'empty.tar'), { platform, signal: signal() }),
        'E_ARCHIVE_INVALID',
        /empty\.tar: not an image archive/,
      );
    });
  });
});
