import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openImage } from '../../src/artifact/open-image.ts';
import type { Extractor } from '../../src/extract/extractor.ts';
import { walkImage } from '../../src/extract/walk-image.ts';
import { type BuiltImage, buildImage, exportAs } from '../support/image-builder.ts';

/** Records the files it is given: a test double for the walk itself (real extractors have their own tests). */
const recorder: Extractor = {
  name: 'test/recorder',
  version: 1,
  fileRequired: (path) => path.startsWith('etc/') || path.startsWith('opt/'),
  async extract() {
    return { packages: [] };
  },
};

/** A self-contained test double: one package per file, named after its content. */
const eager: Extractor = {
  name: 'test/eager',
  version: 1,
  selfContained: true,
  fileRequired: (path) => path.startsWith('etc/') || path.startsWith('opt/'),
  async extract(input) {
    const text = Buffer.from(await input.read())
      .toString()
      .trim();
    return {
      packages: [
        {
          id: `${input.path}=${text}`,
          name: text,
          version: '1',
          type: 'generic',
          purl: '',
          licenses: [],
          locations: [],
          foundBy: 'test/eager',
        },
      ],
    };
  },
};

const platform = { os: 'linux', architecture: 'amd64' };

describe('walkImage over real umoci-built images', () => {
  let img: BuiltImage;
  let src: string;
  before(async () => {
    src = await mkdtemp(join(tmpdir(), 'bulwark-src-'));
    await mkdir(join(src, 'opt1/keep'), { recursive: true });
    await writeFile(join(src, 'opt1/old.txt'), 'old');
    await writeFile(join(src, 'opt1/keep/a.txt'), 'a');
    await mkdir(join(src, 'opt2'), { recursive: true });
    await writeFile(join(src, 'opt2/new.txt'), 'new');
    await writeFile(join(src, 'hostname'), 'one');
    await writeFile(join(src, 'hostname2'), 'two');
    img = await buildImage([
      {
        insert: [
          ['/usr/lib/os-release', '/etc/os-release'],
          [join(src, 'hostname'), '/etc/hostname'],
        ],
      },
      { insert: [[join(src, 'opt1'), '/opt/app']] },
      { whiteout: ['/etc/os-release'] },
      { opaque: [[join(src, 'opt2'), '/opt/app']] },
      { insert: [[join(src, 'hostname2'), '/etc/hostname']] },
    ]);
  });
  after(async () => {
    await img?.dispose();
    await rm(src, { recursive: true, force: true });
  });

  for (const [format, compress] of [
    ['oci', 'gzip'],
    ['oci-archive', 'zstd'],
    ['docker-archive', undefined],
    ['oci', 'none'],
  ] as const) {
    it(`applies whiteouts and opaque dirs (${format}, ${compress ?? 'default'} layers)`, async () => {
      const out = await exportAs(img, format, `${format}-${compress}`, compress ? { compress } : {});
      const target = format === 'oci' ? `${out}:${img.tag}` : out;
      const source = await openImage(target, { platform, signal: AbortSignal.timeout(60_000) });
      const walk = await walkImage(source, [recorder], { signal: AbortSignal.timeout(60_000) });
      const files = walk.required.map((r) => r.path).sort();
      assert.deepEqual(files, ['etc/hostname', 'opt/app/new.txt']);
      assert.equal(Buffer.from((await walk.fs.readFile('etc/hostname'))!).toString(), 'two');
      assert.equal(walk.fs.stat('etc/os-release'), undefined);
      assert.equal(walk.fs.stat('opt/app/keep'), undefined, 'opaque dir hides lower subdirectories');
      const hostname = walk.required.find((r) => r.path === 'etc/hostname')!;
      assert.equal(hostname.stat.layer?.index, source.layers.length - 1);
      assert.equal(hostname.stat.layer?.diffId, source.info.layers.at(-1)?.diffId);
      assert.deepEqual(walk.errors, []);
    });
  }

  it('self-contained extractors run during the walk; results of hidden or replaced files are dropped', async () => {
    const source = await openImage(`${img.layout}:${img.tag}`, {
      platform,
      signal: AbortSignal.timeout(60_000),
    });
    const walk = await walkImage(source, [eager], { signal: AbortSignal.timeout(60_000) });
    assert.deepEqual(walk.required, [], 'nothing is left for the end');
    const ids = walk.extracted.flatMap((e) => e.inventory?.packages.map((p) => p.id) ?? []).sort();
    assert.deepEqual(ids, ['etc/hostname=two', 'opt/app/new.txt=new']);
    assert.equal(await walk.fs.readFile('etc/hostname'), undefined, 'bytes are not kept');
  });
});
