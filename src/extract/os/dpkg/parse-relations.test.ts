import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRelations } from './parse-relations.ts';

const names = (value: string) => parseRelations(value).map((c) => c.map((r) => r.name));

describe('parseRelations', () => {
  // Cases of Syft's Test_stripVersionSpecifier and Test_dbEntryDependencySpecifier.
  it('strips version constraints, architecture lists and splits alternatives', () => {
    assert.deepEqual(names('test'), [['test']]);
    assert.deepEqual(parseRelations('test (1.2.3)'), [[{ name: 'test', op: '=', version: '1.2.3' }]]);
    assert.deepEqual(names('test (= 1.2.3)'), [['test']]);
    assert.deepEqual(names('test | other'), [['test', 'other']]);
    assert.deepEqual(names('test [amd64 i386]'), [['test']]);
    assert.deepEqual(names('foo [i386]'), [['foo']]);
    assert.deepEqual(names('libgmp10 (>= 2:6.2.1+dfsg1), default-mta | mail-transport-agent'), [
      ['libgmp10'],
      ['default-mta', 'mail-transport-agent'],
    ]);
    assert.deepEqual(names(''), []);
  });

  it('reads operators, versions and arch qualifiers (dpkg-dev and Debian 12 fields)', () => {
    assert.deepEqual(parseRelations('python3:any (>= 3.11~), gcc-12-base (= 12.2.0-14), libc6 (<< 2.37)'), [
      [{ name: 'python3', archQualifier: 'any', op: '>=', version: '3.11~' }],
      [{ name: 'gcc-12-base', op: '=', version: '12.2.0-14' }],
      [{ name: 'libc6', op: '<<', version: '2.37' }],
    ]);
    assert.deepEqual(parseRelations('virtual-package-5 (=1.0)'), [
      [{ name: 'virtual-package-5', op: '=', version: '1.0' }],
    ]);
    assert.deepEqual(parseRelations('foo <!nocheck> <stage1>'), [[{ name: 'foo' }]]);
  });

  it('folded values (continuation lines) and trailing commas', () => {
    assert.deepEqual(
      names('kernel-headers-2.2.10 [!hurd-i386],\nhurd-dev [hurd-i386], gnumach-dev [hurd-i386]'),
      [['kernel-headers-2.2.10'], ['hurd-dev'], ['gnumach-dev']],
    );
    assert.deepEqual(names('\nlibluajit5.1-dev [i386 amd64],\nliblua5.1-dev [hurd-i386],\n'), [
      ['libluajit5.1-dev'],
      ['liblua5.1-dev'],
    ]);
  });
});
