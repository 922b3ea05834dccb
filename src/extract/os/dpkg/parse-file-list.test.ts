import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { pathsFromList, pathsFromMd5sums } from './parse-file-list.ts';

describe('pathsFromMd5sums', () => {
  it('Syft TestMD5SumInfoParsing (zlib1g.md5sums)', () => {
    const [c] = syftCases('debian', 'TestMD5SumInfoParsing');
    const want = (c!.expected as { Path: string }[]).map((f) => f.Path.slice(1));
    assert.deepEqual(
      pathsFromMd5sums(readFileSync(syftFixture('debian', 'testdata/info/zlib1g.md5sums'), 'utf8')),
      want,
    );
  });
  it('skips lines that are not `<md5>  <path>`', () => {
    assert.deepEqual(pathsFromMd5sums('junk\n\n0123456789abcdef0123456789abcdef  a b/c\n'), ['a b/c']);
  });
});

describe('pathsFromList', () => {
  it('a real info/*.list: the files of `dpkg -L`, without the folders', () => {
    const list = readFileSync('/var/lib/dpkg/info/libc6:amd64.list', 'utf8');
    const got = pathsFromList(list);
    const all = execFileSync('dpkg', ['-L', 'libc6'], { encoding: 'utf8' })
      .split('\n')
      .filter((p) => p !== '' && p !== '/.' && !p.startsWith('diverted') && !p.startsWith('package diverts'))
      .map((p) => p.slice(1));
    const folders = new Set(all.filter((p) => all.some((q) => q.startsWith(`${p}/`))));
    assert.deepEqual(
      got,
      all.filter((p) => !folders.has(p)),
    );
    assert.ok(got.includes('lib/x86_64-linux-gnu/libc.so.6'));
    assert.ok(!got.includes('usr') && !got.includes('.'));
  });
  it('empty and CRLF input', () => {
    assert.deepEqual(pathsFromList(''), []);
    assert.deepEqual(pathsFromList('/.\r\n/etc\r\n/etc/a\r\n'), ['etc/a']);
  });
});
