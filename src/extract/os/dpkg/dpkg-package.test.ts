import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsInfo } from '../../../core/os-info.ts';
import { syftCases } from '../../../test-support/syft-expected.ts';
import { dpkgId, dpkgPurl } from './dpkg-package.ts';
import type { DpkgRecord } from './parse-dpkg-status.ts';

interface Row {
  name: string;
  distro?: { ID: string; VersionID: string; IDLike?: string[] };
  metadata: {
    Package: string;
    Version: string;
    Architecture?: string;
    Source?: string;
    SourceVersion?: string;
  };
}

const record = (m: Row['metadata']): DpkgRecord => ({
  name: m.Package,
  version: m.Version,
  ...(m.Architecture ? { arch: m.Architecture } : {}),
  ...(m.Source
    ? { declaredSource: { name: m.Source, ...(m.SourceVersion ? { version: m.SourceVersion } : {}) } }
    : {}),
  conffiles: [],
  line: 1,
});

describe('dpkgPurl against Syft Test_packageURL', () => {
  for (const c of syftCases('debian', 'Test_packageURL')) {
    const row = c.case as unknown as Row;
    it(row.name, () => {
      const os: OsInfo | undefined = row.distro
        ? {
            id: row.distro.ID,
            versionId: row.distro.VersionID,
            ...(row.distro.IDLike ? { idLike: row.distro.IDLike } : {}),
            source: 'etc/os-release',
          }
        : undefined;
      const got = dpkgPurl(record(row.metadata), os);
      // Without a distro Syft writes no purl; we still write one in the debian namespace.
      assert.equal(got, c.expected === '' ? 'pkg:deb/debian/p@v' : c.expected);
    });
  }

  it('epochs and Debian security versions (packageurl-js leaves `:` and `+` unencoded; Syft encodes `:` as %3A)', () => {
    const os: OsInfo = { id: 'debian', versionId: '12', source: 'etc/os-release' };
    const r = record({
      Package: 'zlib1g',
      Version: '1:1.2.13.dfsg-1',
      Architecture: 'amd64',
      Source: 'zlib',
    });
    assert.equal(
      dpkgPurl(r, os),
      'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
    );
    assert.equal(dpkgId(r), 'deb:zlib1g@1:1.2.13.dfsg-1:amd64');
  });
});
