import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syftCases } from '../../../test-support/syft-expected.ts';
import { ApkDepIndex, apkDepName } from './resolve-apk-deps.ts';

describe('apkDepName against Syft Test_stripVersionSpecifier', () => {
  for (const c of syftCases('alpine', 'Test_stripVersionSpecifier')) {
    const input = c.case.version as string;
    it(`${c.case.name}: '${input}'`, () => assert.equal(apkDepName(input), c.want));
  }
});

describe('ApkDepIndex', () => {
  // Syft's Test_dbEntryDependencySpecifier rows, turned into packages that depend on each other.
  it('resolves through names and provides, drops versions, ignores empty entries and conflicts', () => {
    const a = {
      id: 'a',
      name: 'package-a',
      provides: ['so:libc.musl-x86_64.so.1=1', ''],
      depends: ['so:libc.musl-x86_64.so.2=2'],
    };
    const b = { id: 'b', name: 'package-b', provides: ['so:libc.musl-x86_64.so.2'], depends: ['!package-c'] };
    const c = {
      id: 'c',
      name: 'package-c',
      provides: ['a-thing'],
      depends: ['b-thing', '', 'package-a>=1', 'so:libc.musl-x86_64.so.1'],
    };
    const index = new ApkDepIndex([a, b, c]);
    assert.deepEqual(index.dependsOn(a), ['b']);
    assert.deepEqual(index.dependsOn(b), []);
    assert.deepEqual(index.dependsOn(c), ['a']);
  });
});
