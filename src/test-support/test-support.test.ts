import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dirFs } from './dir-fs.ts';
import { memFs } from './mem-fs.ts';
import { sharedData } from './shared-data.ts';

describe('sharedData', () => {
  it('resolves ../shared/data entries', () => assert.ok(existsSync(sharedData('fixtures', 'syft'))));
  it('says clearly what is missing', () =>
    assert.throws(
      () => sharedData('no-such-entry'),
      /this test needs \.\.\/shared\/data\/no-such-entry \(the project's shared folder\)/,
    ));
});

describe('dirFs', () => {
  const root = fileURLToPath(new URL('../extract/os/release/testdata/centos-7', import.meta.url));
  it('follows symlinks inside the root, by stat too', async () => {
    const fs = dirFs(root);
    assert.equal(fs.resolve('etc/os-release'), 'usr/lib/os-release');
    assert.equal(fs.stat('etc/os-release')?.type, 'file');
    assert.match(
      new TextDecoder().decode(await fs.readFile('etc/redhat-release')),
      /^CentOS Linux release 7/,
    );
    assert.deepEqual(fs.readdir('usr/lib'), ['os-release']);
  });
  it('never leaves the root', async () => {
    const fs = dirFs(root);
    assert.equal(
      fs.resolve('../centos-7/etc/os-release'),
      'centos-7/etc/os-release',
      '.. stops at the root, as in a chroot',
    );
    assert.equal(await fs.readFile('../../release.ts'), undefined);
    assert.equal(fs.stat('etc/missing'), undefined);
    assert.equal(await fs.readFile('etc'), undefined);
  });
});

describe('memFs', () => {
  it('implies folders, follows relative and absolute links', async () => {
    const fs = memFs({
      'usr/lib/os-release': 'ID=x\n',
      'etc/os-release': { link: '../usr/lib/os-release' },
      'a/b': { link: '/etc/os-release' },
    });
    assert.equal(fs.stat('usr')?.type, 'dir');
    assert.deepEqual(fs.readdir('usr/lib'), ['os-release']);
    assert.equal(fs.resolve('a/b'), 'usr/lib/os-release');
    assert.equal(new TextDecoder().decode(await fs.readFile('a/b')), 'ID=x\n');
    assert.equal(fs.stat('nope'), undefined);
  });
  it('a link loop resolves to nothing', async () => {
    const fs = memFs({ a: { link: 'b' }, b: { link: 'a' } });
    assert.equal(fs.resolve('a'), undefined);
    assert.equal(await fs.readFile('a'), undefined);
  });
});
