import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openImage } from '../../src/artifact/open-image.ts';
import { extractorSet } from '../../src/extract/registry.ts';
import { scanImage } from '../../src/extract/scan.ts';
import { type BuiltImage, buildImage } from '../support/image-builder.ts';

/**
 * Three layers write var/lib/dpkg/status: the base db, then the db with more packages (an
 * `apt-get install` layer), then an unrelated change. Each package must point at the layer that
 * installed it, not at the last layer that rewrote the db.
 */
describe('packages are attributed to the layer that introduced them', () => {
  let work: string;
  let img: BuiltImage;
  let base: string[];
  let added: string[];
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-layers-'));
    const stanzas = (await readFile('/var/lib/dpkg/status', 'utf8')).trim().split(/\n\n+/);
    const first = stanzas.slice(0, 40);
    const second = stanzas.slice(0, 60);
    const name = (s: string) => /^Package: (.+)$/m.exec(s)![1]!;
    base = first.map(name);
    added = stanzas.slice(40, 60).map(name);
    await writeFile(join(work, 'status-1'), `${first.join('\n\n')}\n`);
    await writeFile(join(work, 'status-2'), `${second.join('\n\n')}\n`);
    await writeFile(join(work, 'motd'), 'hello\n');
    img = await buildImage([
      {
        insert: [
          ['/usr/lib/os-release', '/etc/os-release'],
          [join(work, 'status-1'), '/var/lib/dpkg/status'],
        ],
      },
      { insert: [[join(work, 'status-2'), '/var/lib/dpkg/status']] },
      {
        insert: [
          [join(work, 'motd'), '/etc/motd'],
          [join(work, 'status-2'), '/var/lib/dpkg/status'],
        ],
      },
    ]);
  });
  after(async () => {
    await img?.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('base packages → the first status layer, added ones → the install layer', async () => {
    const signal = AbortSignal.timeout(60_000);
    const source = await openImage(`${img.layout}:${img.tag}`, {
      platform: { os: 'linux', architecture: 'amd64' },
      signal,
    });
    const result = await scanImage(source, { extractors: extractorSet(), signal });
    const deb = result.packages.filter((p) => p.type === 'deb');
    assert.equal(deb.length, 60);
    // umoci puts os-release and the first status into layers 0 and 1 (one insert each).
    const statusLayers = result.image!.layers;
    const layerOf = (n: string) => deb.find((p) => p.name === n)!.locations[0]!.layer!;
    for (const n of base) assert.equal(layerOf(n).index, 1, n);
    for (const n of added) assert.equal(layerOf(n).index, 2, n);
    assert.equal(layerOf(added[0]!).diffId, statusLayers[2]!.diffId);
  });
});
