import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../../core/package.ts';
import { distroOs } from './distro-os.ts';
import { packageName } from './package-name.ts';
import { packageSource } from './package-source.ts';
import { packageVersion } from './package-version.ts';
import { parsePurl } from './parse-purl.ts';
import { propertyMap } from './sbom-properties.ts';

describe('packageName', () => {
  const cases: [sbomName: string, purl: string, expected: string][] = [
    ['jackson-databind', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2', 'jackson-databind'],
    [
      'com.fasterxml.jackson.core:jackson-databind',
      'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2',
      'jackson-databind',
    ],
    ['@babel/core', 'pkg:npm/%40babel/core@7.24.0', '@babel/core'],
    ['core', 'pkg:npm/%40babel/core@7.24.0', '@babel/core'],
    [
      'github.com/BurntSushi/toml',
      'pkg:golang/github.com/burntsushi/toml@v1.3.2',
      'github.com/BurntSushi/toml',
    ],
    ['toml', 'pkg:golang/github.com/BurntSushi/toml@v1.3.2', 'github.com/BurntSushi/toml'],
    ['stdlib', 'pkg:golang/stdlib@1.22.7', 'stdlib'],
    ['http-foundation', 'pkg:composer/symfony/http-foundation@v6.4.4', 'symfony/http-foundation'],
    ['Django', 'pkg:pypi/django@4.2.11', 'django'],
    ['zope.interface', 'pkg:pypi/zope.interface@6.2', 'zope-interface'],
    ['Newtonsoft.Json', 'pkg:nuget/Newtonsoft.Json@13.0.3', 'Newtonsoft.Json'],
    ['libc6', 'pkg:deb/debian/libc6@2.36-9', 'libc6'],
    ['nss-wrapper', 'pkg:bitnami/nss_wrapper@1.1.16', 'nss-wrapper'],
    ['', 'pkg:generic/openssl@3.0.7', 'openssl'],
  ];
  for (const [sbomName, purl, expected] of cases) {
    it(`${sbomName || '(none)'} + ${purl} → ${expected}`, () => {
      assert.equal(packageName(sbomName, parsePurl(purl)), expected);
    });
  }
  it('keeps the SBOM name without a purl', () => assert.equal(packageName('My App', undefined), 'My App'));
});

describe('packageVersion', () => {
  const cases: [sbomVersion: string | undefined, purl: string, expected: string][] = [
    ['1.1.11-1.el9', 'pkg:rpm/redhat/runc@1.1.11-1.el9?epoch=4', '4:1.1.11-1.el9'],
    ['4:1.1.11-1.el9', 'pkg:rpm/redhat/runc@1.1.11-1.el9?epoch=4', '4:1.1.11-1.el9'],
    [undefined, 'pkg:rpm/redhat/runc@1.1.11-1.el9?epoch=4', '4:1.1.11-1.el9'],
    ['5.1.8-9.el9', 'pkg:rpm/almalinux/bash@5.1.8-9.el9?epoch=0', '5.1.8-9.el9'],
    ['0:5.1.8-9.el9', 'pkg:rpm/almalinux/bash@5.1.8-9.el9', '5.1.8-9.el9'],
    ['1:1.2.13.dfsg-1', 'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?epoch=7', '1:1.2.13.dfsg-1'],
    [undefined, 'pkg:npm/lodash@4.17.21', '4.17.21'],
    ['', 'pkg:npm/lodash', ''],
  ];
  for (const [sbomVersion, purl, expected] of cases) {
    it(`${sbomVersion ?? '(none)'} + ${purl} → ${expected || '(empty)'}`, () => {
      assert.equal(packageVersion(sbomVersion, parsePurl(purl)), expected);
    });
  }
});

describe('packageSource', () => {
  const source = (
    type: string,
    name: string,
    version: string,
    purl: string,
    props: [string, string][] = [],
  ) =>
    packageSource({
      type,
      name,
      version,
      purl: parsePurl(purl),
      properties: propertyMap(props),
      ours: false,
    });
  const cases: [label: string, actual: Package['source'], expected: Package['source']][] = [
    [
      'deb upstream name',
      source('deb', 'libc6', '2.36-9', 'pkg:deb/debian/libc6@2.36-9?upstream=glibc'),
      { name: 'glibc', version: '2.36-9' },
    ],
    [
      'deb upstream name@version',
      source(
        'deb',
        'libgcc-s1',
        '12.2.0-14',
        'pkg:deb/debian/libgcc-s1@12.2.0-14?upstream=gcc-12%4012.2.0-14',
      ),
      { name: 'gcc-12', version: '12.2.0-14' },
    ],
    [
      'deb without one: itself',
      source('deb', 'tzdata', '2024a-0', 'pkg:deb/debian/tzdata@2024a-0'),
      { name: 'tzdata', version: '2024a-0' },
    ],
    [
      'apk origin',
      source('apk', 'busybox-binsh', '1.36.1-r5', 'pkg:apk/alpine/busybox-binsh@1.36.1-r5?upstream=busybox'),
      { name: 'busybox', version: '1.36.1-r5' },
    ],
    [
      'rpm source rpm, with the binary epoch',
      source(
        'rpm',
        'runc',
        '4:1.1.11-1.el9',
        'pkg:rpm/redhat/runc@1.1.11-1.el9?epoch=4&upstream=runc-1.1.11-1.el9.src.rpm',
      ),
      { name: 'runc', version: '4:1.1.11-1.el9' },
    ],
    [
      'rpm without one',
      source('rpm', 'gpg-pubkey', 'b86b3716-61e69f29', 'pkg:rpm/almalinux/gpg-pubkey@b86b3716-61e69f29'),
      undefined,
    ],
    [
      'Syft dpkg properties',
      source('deb', 'libc6', '2.36-9', 'pkg:deb/debian/libc6@2.36-9', [['syft:metadata:source', 'glibc']]),
      { name: 'glibc', version: '2.36-9' },
    ],
    [
      'Syft rpm property',
      source('rpm', 'bash', '5.1.8-9.el9', 'pkg:rpm/almalinux/bash@5.1.8-9.el9', [
        ['syft:metadata:sourceRpm', 'bash-5.1.8-9.el9.src.rpm'],
      ]),
      { name: 'bash', version: '5.1.8-9.el9' },
    ],
    [
      'our properties first',
      source('deb', 'libssl3', '3.0.11-1', 'pkg:deb/debian/libssl3@3.0.11-1?upstream=other', [
        ['bulwark:package:sourceName', 'openssl'],
      ]),
      { name: 'openssl' },
    ],
    [
      'no source for language packages',
      source('npm', 'lodash', '4.17.21', 'pkg:npm/lodash@4.17.21?upstream=x'),
      undefined,
    ],
  ];
  for (const [label, actual, expected] of cases) it(label, () => assert.deepEqual(actual, expected));

  it('in our own SBOMs, no source property means none', () => {
    const props = propertyMap([['bulwark:package:type', 'deb']]);
    const purl = parsePurl('pkg:deb/debian/x@1?upstream=y');
    assert.equal(
      packageSource({ type: 'deb', name: 'x', version: '1', purl, properties: props, ours: true }),
      undefined,
    );
  });
});

describe('distroOs', () => {
  const cases: [
    qualifier: string | undefined,
    namespace: string | undefined,
    id?: string,
    versionId?: string | undefined,
  ][] = [
    ['debian-12.4', 'debian', 'debian', '12.4'],
    ['alpine-3.18.4', 'alpine', 'alpine', '3.18.4'],
    ['3.18.4', 'alpine', 'alpine', '3.18.4'],
    ['alma-9.3', 'alma', 'almalinux', '9.3'],
    ['redhat-9.3', 'redhat', 'rhel', '9.3'],
    ['opensuse-leap-15.5', 'opensuse', 'opensuse-leap', '15.5'],
    ['opensuse.leap-15.5', 'opensuse.leap', 'opensuse-leap', '15.5'],
    ['wolfi', 'wolfi', 'wolfi', undefined],
    [undefined, 'redhat', 'rhel', undefined],
    ['3.18', undefined],
    [undefined, undefined],
  ];
  for (const [qualifier, namespace, id, versionId] of cases) {
    it(`${qualifier ?? '-'} / ${namespace ?? '-'}`, () => {
      const os = distroOs(qualifier, namespace);
      assert.deepEqual(os && [os.id, os.versionId], id === undefined ? undefined : [id, versionId]);
    });
  }
});
