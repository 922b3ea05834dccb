import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../../core/package.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import { sharedData } from '../../test-support/shared-data.ts';
import { parseSbom } from './parse-sbom.ts';
import { sbomScanResult } from './sbom-scan-result.ts';

function decode(doc: unknown): ScanResult {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  const parsed = parseSbom(Buffer.from(text));
  if (!parsed.ok) assert.fail(parsed.error);
  return sbomScanResult(parsed.value, 'test.spdx');
}

const byName = (r: ScanResult, name: string): Package => {
  const p = r.packages.find((x) => x.name === name);
  assert.ok(p, `${name} is a package`);
  return p;
};

/** Bitnami's SPDX files, as Syft's bitnami cataloger tests keep them. */
const bitnami = (variant: string, app: string, file: string) =>
  readFileSync(
    sharedData(
      'fixtures',
      'syft',
      'syft',
      'pkg',
      'cataloger',
      'bitnami',
      'testdata',
      variant,
      'opt',
      'bitnami',
      app,
      file,
    ),
    'utf8',
  );

describe('SPDX from Bitnami images (real files)', () => {
  it('JSON: the described package is a package; CONTAINS edges; Maven names from the purl', () => {
    const r = decode(bitnami('json', 'postgresql', '.spdx-postgresql.spdx'));
    assert.deepEqual(r.errors, []);
    assert.equal(r.image, undefined);
    assert.equal(r.os, undefined, 'a bitnami distro qualifier names no OS packages');
    assert.equal(r.packages.length, 19);
    const pg = byName(r, 'postgresql');
    assert.deepEqual(
      [pg.id, pg.version, pg.type, pg.ecosystem, pg.licenses, pg.arch],
      ['SPDXRef-postgresql', '17.2.0-8', 'bitnami', 'Bitnami', ['PostgreSQL'], 'arm64'],
    );
    const pljava = r.packages.filter((p) => p.type === 'maven').map((p) => [p.name, p.ecosystem, p.licenses]);
    assert.deepEqual(pljava, [
      ['pljava', 'Maven', []],
      ['pljava-api', 'Maven', []],
      ['pljava-examples', 'Maven', []],
    ]);
    const contains = r.relationships.filter((x) => x.type === 'contains');
    assert.equal(contains.filter((x) => x.from === 'SPDXRef-postgresql').length, 15);
    assert.ok(
      contains.some((x) => x.from === 'SPDXRef-pljava' && x.to === 'SPDXRef-Package-551f76fc50fc5735'),
    );
    assert.ok(
      r.packages.every((p) => p.dependsOn === undefined),
      'no DEPENDS_ON: dependencies unknown',
    );
  });

  it('JSON: DEPENDS_ON edges of a Go binary, stdlib included', () => {
    const r = decode(bitnami('mix', 'render-template', '.spdx-render-template.spdx'));
    const app = byName(r, 'github.com/bitnami/render-template');
    assert.deepEqual(app.dependsOn?.map((id) => r.packages.find((p) => p.id === id)?.name).sort(), [
      'github.com/aymerick/raymond',
      'github.com/jessevdk/go-flags',
      'github.com/mmikulicic/multierror',
      'golang.org/x/sys',
      'stdlib',
    ]);
    assert.deepEqual(
      [byName(r, 'stdlib').ecosystem, byName(r, 'github.com/aymerick/raymond').version],
      ['Go', 'v2.0.2+incompatible'],
    );
    // A package without a purl (the binary holding the modules) stays, as a generic package.
    const binary = byName(r, 'opt/bitnami/common/bin/render-template');
    assert.deepEqual([binary.type, binary.ecosystem, binary.version], ['generic', undefined, '']);
  });

  it('tag-value: reads the same fields', () => {
    const r = decode(bitnami('tag-value', 'redis', '.spdx-apache.spdx'));
    assert.deepEqual(
      r.packages.map((p) => [p.id, p.name, p.version, p.ecosystem, p.purl, p.licenses]),
      [
        [
          'SPDXRef-redis',
          'redis',
          '7.4.1-0',
          'Bitnami',
          'pkg:bitnami/redis@7.4.1-0?arch=arm64&distro=debian-12',
          ['RSALv2'],
        ],
      ],
    );
  });

  it('refuses the broken JSON file', () => {
    const parsed = parseSbom(Buffer.from(bitnami('invalid', 'redis', '.spdx-redis.spdx')));
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.error, /^not valid JSON: /);
  });
});

describe('SPDX as Syft and Trivy write it', () => {
  const busybox = 'pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64&distro=alpine-3.18.4';
  const musl = 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4&upstream=musl';
  const ext = (purl: string) => [
    {
      referenceCategory: 'SECURITY',
      referenceType: 'cpe23Type',
      referenceLocator: 'cpe:2.3:a:x:x:1:*:*:*:*:*:*:*',
    },
    { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl },
  ];

  it('Syft: no OS package (the OS comes from the distro qualifiers), DEPENDENCY_OF, a container root', () => {
    const r = decode({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'alpine:3.18.4',
      packages: [
        {
          name: 'busybox',
          SPDXID: 'SPDXRef-Package-apk-busybox-1',
          versionInfo: '1.36.1-r5',
          supplier: 'Person: Natanael Copa (ncopa@alpinelinux.org)',
          licenseConcluded: 'NOASSERTION',
          licenseDeclared: 'GPL-2.0-only',
          externalRefs: ext(busybox),
        },
        {
          name: 'musl',
          SPDXID: 'SPDXRef-Package-apk-musl-2',
          versionInfo: '1.2.4-r2',
          licenseDeclared: 'MIT',
          checksums: [{ algorithm: 'SHA1', checksumValue: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' }],
          externalRefs: ext(musl),
        },
        {
          name: 'alpine',
          SPDXID: 'SPDXRef-DocumentRoot-Image-alpine',
          versionInfo: 'sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b',
          primaryPackagePurpose: 'CONTAINER',
          externalRefs: ext(
            'pkg:oci/alpine@sha256%3Ac5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b?arch=amd64&tag=3.18.4',
          ),
        },
      ],
      relationships: [
        {
          spdxElementId: 'SPDXRef-DOCUMENT',
          relatedSpdxElement: 'SPDXRef-DocumentRoot-Image-alpine',
          relationshipType: 'DESCRIBES',
        },
        {
          spdxElementId: 'SPDXRef-DocumentRoot-Image-alpine',
          relatedSpdxElement: 'SPDXRef-Package-apk-busybox-1',
          relationshipType: 'CONTAINS',
        },
        {
          spdxElementId: 'SPDXRef-Package-apk-musl-2',
          relatedSpdxElement: 'SPDXRef-Package-apk-busybox-1',
          relationshipType: 'DEPENDENCY_OF',
        },
        {
          spdxElementId: 'SPDXRef-Package-apk-busybox-1',
          relatedSpdxElement: 'SPDXRef-File-x',
          relationshipType: 'CONTAINS',
        },
      ],
    });
    assert.deepEqual(r.os, { id: 'alpine', versionId: '3.18.4', source: 'purl distro qualifier' });
    assert.equal(r.packages.length, 2, 'the image is the subject, not a package');
    assert.equal(
      r.image?.manifestDigest,
      'sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b',
    );
    assert.equal(r.image?.reference, 'alpine');
    assert.equal(r.image?.platform.architecture, 'amd64');
    const bb = byName(r, 'busybox');
    assert.deepEqual(
      [bb.ecosystem, bb.source, bb.maintainer, bb.licenses, bb.dependsOn],
      [
        'Alpine:v3.18',
        { name: 'busybox', version: '1.36.1-r5' },
        'Natanael Copa <ncopa@alpinelinux.org>',
        ['GPL-2.0-only'],
        ['SPDXRef-Package-apk-musl-2'],
      ],
    );
    assert.deepEqual(byName(r, 'musl').hashes, [
      { alg: 'SHA-1', content: 'abcdef0123456789abcdef0123456789abcdef01' },
    ]);
    assert.deepEqual(r.relationships, [
      { from: 'SPDXRef-Package-apk-busybox-1', to: 'SPDXRef-Package-apk-musl-2', type: 'depends-on' },
    ]);
  });

  it('Trivy: an OPERATING-SYSTEM package, family names, annotations as properties', () => {
    const ssl = 'pkg:rpm/alma/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=alma-9.3&epoch=1';
    const bash = 'pkg:rpm/alma/bash@5.1.8-9.el9?arch=x86_64';
    const annotations = (...comments: string[]) =>
      comments.map((comment) => ({
        annotator: 'Tool: trivy-0.50.1',
        annotationDate: '2024-04-01T00:00:00Z',
        annotationType: 'OTHER',
        comment,
      }));
    const r = decode({
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      packages: [
        {
          name: 'alma',
          SPDXID: 'SPDXRef-OperatingSystem-1',
          versionInfo: '9.3',
          primaryPackagePurpose: 'OPERATING-SYSTEM',
        },
        {
          name: 'openssl-libs',
          SPDXID: 'SPDXRef-Package-1',
          versionInfo: '1:3.0.7-25.el9_3',
          licenseConcluded: 'Apache-2.0',
          licenseDeclared: 'Apache-2.0',
          externalRefs: ext(ssl),
          annotations: annotations(
            'SrcName: openssl',
            'SrcVersion: 3.0.7',
            'SrcRelease: 25.el9_3',
            'SrcEpoch: 1',
          ),
        },
        {
          name: 'bash',
          SPDXID: 'SPDXRef-Package-2',
          versionInfo: '5.1.8-9.el9',
          licenseDeclared: 'GPL-3.0-or-later',
          externalRefs: ext(bash),
          annotations: annotations('SrcName: bash', 'SrcVersion: 5.1.8', 'SrcRelease: 9.el9'),
        },
        {
          name: 'app.jar',
          SPDXID: 'SPDXRef-Application-1',
          annotations: annotations('Class: lang-pkgs', 'Type: jar'),
        },
      ],
      relationships: [],
    });
    assert.deepEqual(r.os, { id: 'almalinux', versionId: '9.3', source: 'test.spdx' });
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, p.ecosystem, p.source]),
      [
        ['openssl-libs', '1:3.0.7-25.el9_3', 'AlmaLinux:9', { name: 'openssl', version: '1:3.0.7-25.el9_3' }],
        ['bash', '5.1.8-9.el9', 'AlmaLinux:9', { name: 'bash', version: '5.1.8-9.el9' }],
      ],
    );
  });
});

describe('SPDX tag-value', () => {
  const doc = `SPDXVersion: SPDX-2.2
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: tv
# a comment
Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-root

PackageName: root
SPDXID: SPDXRef-root
PrimaryPackagePurpose: FILE

PackageName: libxml2
SPDXID: SPDXRef-libxml2
PackageVersion: 2.9.14+dfsg-1.3~deb12u1
PackageSupplier: Organization: Debian XML/XSLT Group (debian-xml-sgml-pkgs@lists.alioth.debian.org)
PackageLicenseConcluded: NOASSERTION
PackageLicenseDeclared: MIT AND LicenseRef-ISC-like
PackageChecksum: SHA256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
PackageComment: <text>spans
two lines</text>
ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/libxml2@2.9.14%2Bdfsg-1.3~deb12u1?arch=amd64&distro=debian-12.4
Relationship: SPDXRef-libxml2 DEPENDS_ON SPDXRef-zlib

FileName: ./usr/lib/libxml2.so.2
SPDXID: SPDXRef-File-1
PackageVersion: not a package field here

PackageName: zlib1g
SPDXID: SPDXRef-zlib
PackageVersion: 1:1.2.13.dfsg-1
ExternalRef: PACKAGE_MANAGER purl pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?distro=debian-12.4&upstream=zlib

LicenseID: LicenseRef-ISC-like
ExtractedText: <text>Permission to use, copy…</text>
LicenseName: ISC-like licence

Annotator: Tool: example
AnnotationDate: 2024-01-01T00:00:00Z
AnnotationType: OTHER
SPDXREF: SPDXRef-zlib
AnnotationComment: bulwark:package:foundBy: os/dpkg
`;

  it('reads packages, checksums, refs, relationships, extracted licences and annotations; skips files', () => {
    const r = decode(doc);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.packages.map((p) => [p.id, p.name, p.version, p.ecosystem]),
      [
        ['SPDXRef-libxml2', 'libxml2', '2.9.14+dfsg-1.3~deb12u1', 'Debian:12'],
        ['SPDXRef-zlib', 'zlib1g', '1:1.2.13.dfsg-1', 'Debian:12'],
      ],
      'the described root without a purl is the subject',
    );
    const xml = byName(r, 'libxml2');
    assert.deepEqual(xml.licenses, ['MIT', 'ISC-like licence']);
    assert.equal(xml.maintainer, 'Debian XML/XSLT Group <debian-xml-sgml-pkgs@lists.alioth.debian.org>');
    assert.deepEqual(xml.hashes, [
      { alg: 'SHA-256', content: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    ]);
    assert.deepEqual(xml.dependsOn, ['SPDXRef-zlib']);
    assert.deepEqual(byName(r, 'zlib1g').source, { name: 'zlib', version: '1:1.2.13.dfsg-1' });
    assert.equal(byName(r, 'zlib1g').foundBy, 'os/dpkg');
    assert.equal(r.image, undefined, 'a FILE root is no image');
  });

  it('refuses a line that is not "Tag: value" and an unclosed <text>', () => {
    const bad = (text: string) => {
      const r = parseSbom(Buffer.from(text));
      return r.ok ? '' : r.error;
    };
    assert.equal(
      bad('SPDXVersion: SPDX-2.3\nthis is not a tag\n'),
      'invalid SPDX tag-value document: line 2: expected "Tag: value", found "this is not a tag"',
    );
    assert.equal(
      bad('SPDXVersion: SPDX-2.3\nPackageName: x\nPackageComment: <text>never closed\n'),
      'invalid SPDX tag-value document: line 3: <text> is never closed',
    );
  });
});
