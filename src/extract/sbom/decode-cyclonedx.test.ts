import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  return sbomScanResult(parsed.value, 'test.cdx');
}

const byName = (r: ScanResult, name: string): Package => {
  const p = r.packages.find((x) => x.name === name);
  assert.ok(p, `${name} is a package`);
  return p;
};

describe('CycloneDX specification examples (1.4–1.7)', () => {
  const base = sharedData('sbom', 'cyclonedx-spec', 'tools', 'src', 'test', 'resources');
  const read = (version: string, file: string) => readFileSync(join(base, version, file), 'utf8');

  for (const version of ['1.4', '1.5', '1.6', '1.7']) {
    it(`every valid-*.json of ${version} decodes without error`, () => {
      const files = readdirSync(join(base, version)).filter(
        (f) => f.startsWith('valid-') && f.endsWith('.json'),
      );
      assert.ok(files.length > 25, `${files.length} examples`);
      for (const file of files) {
        const result = decode(read(version, file));
        assert.deepEqual(result.errors, [], file);
        for (const p of result.packages) assert.ok(p.id !== '' && typeof p.name === 'string', file);
      }
    });
  }

  it('reads the dependency graph, an empty dependsOn meaning "none"', () => {
    const r = decode(read('1.6', 'valid-dependency-1.6.json'));
    assert.deepEqual(byName(r, 'library-a').dependsOn, []);
    assert.deepEqual(byName(r, 'library-b').dependsOn, ['library-c']);
    assert.equal(byName(r, 'library-c').dependsOn, undefined, 'no entry: unknown');
    assert.deepEqual(r.relationships, [{ from: 'library-b', to: 'library-c', type: 'depends-on' }]);
  });

  it('names Maven packages by artifactId from the purl; nested components are contained', () => {
    const r = decode(read('1.4', 'valid-compositions-1.4.json'));
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, p.type, p.ecosystem]),
      [
        ['shaded-library', '1.0', 'maven', 'Maven'],
        ['library', '2.0', 'maven', 'Maven'],
        ['library', '3.0', 'maven', 'Maven'],
      ],
    );
    assert.equal(r.packages[0]!.purl, 'pkg:maven/partner/shaded-library@1.0');
    assert.deepEqual(
      r.relationships.filter((x) => x.type === 'contains'),
      [
        {
          from: 'pkg:maven/partner/shaded-library@1.0',
          to: 'pkg:maven/ossproject/library@2.0',
          type: 'contains',
        },
      ],
    );
  });

  it('keeps declared licences over concluded ones, ids, names and expressions alike', () => {
    const r = decode(read('1.7', 'valid-license-declared-concluded-mix-1.7.json'));
    assert.deepEqual(byName(r, 'situation-A').licenses, ['MIT', 'PostgreSQL', 'Apache-2.0']);
    assert.deepEqual(byName(r, 'situation-B').licenses, ['MIT OR (GPL-3.0 OR GPL-2.0)']);
    const expr = decode(read('1.7', 'valid-license-expression-1.7.json'));
    assert.deepEqual(expr.packages[0]!.licenses, ['EPL-2.0 OR GPL-2.0 WITH Classpath-exception-2.0']);
    assert.deepEqual(
      expr.packages[0]!.hashes?.map((h) => h.alg),
      ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'],
    );
  });

  it('takes the operating-system component as the OS and skips devices, files and data', () => {
    const r = decode(read('1.7', 'valid-component-types-1.7.json'));
    assert.equal(r.os?.id, 'operating-system-a');
    assert.equal(r.os?.versionId, '1.0');
    assert.deepEqual(
      r.packages.map((p) => p.name),
      ['application-a', 'library-a', 'framework-a', 'container-a', 'firmware-a'],
    );
    for (const p of r.packages) assert.deepEqual([p.type, p.ecosystem, p.purl], ['generic', undefined, '']);
  });

  it('refuses a document whose bomFormat is not CycloneDX', () => {
    const parsed = parseSbom(Buffer.from(read('1.7', 'invalid-bomformat-1.7.json')));
    assert.deepEqual(parsed, { ok: false, error: 'invalid CycloneDX BOM: not a CycloneDX BOM' });
  });
});

describe('older and foreign CycloneDX', () => {
  it('reads 1.2 and 1.3 documents', () => {
    for (const specVersion of ['1.2', '1.3']) {
      const r = decode({
        bomFormat: 'CycloneDX',
        specVersion,
        version: 1,
        components: [
          {
            type: 'library',
            'bom-ref': 'lodash',
            name: 'lodash',
            version: '4.17.20',
            purl: 'pkg:npm/lodash@4.17.20',
            licenses: [{ license: { id: 'MIT' } }],
            hashes: [{ alg: 'SHA-1', content: 'D6ED3EA3E2B0AB4C8FCA13E2D46A0C5B6E5F1BE6' }],
          },
        ],
        dependencies: [{ ref: 'lodash', dependsOn: [] }],
      });
      const p = r.packages[0]!;
      assert.deepEqual([p.name, p.version, p.ecosystem, p.licenses], ['lodash', '4.17.20', 'npm', ['MIT']]);
      assert.deepEqual(p.hashes, [{ alg: 'SHA-1', content: 'd6ed3ea3e2b0ab4c8fca13e2d46a0c5b6e5f1be6' }]);
      assert.deepEqual(p.dependsOn, []);
    }
  });

  it('reads a Syft-shaped image BOM: distro qualifiers, upstream sources, syft properties', () => {
    const libc = 'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12&upstream=glibc';
    const gcc = 'pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12%4012.2.0-14';
    const r = decode({
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: {
        component: { 'bom-ref': 'af63bd4c8601b7f1', type: 'container', name: 'debian', version: '12.5' },
      },
      components: [
        {
          'bom-ref': `${libc}&package-id=5a3fe5c1e7b8d3a2`,
          type: 'library',
          publisher: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
          name: 'libc6',
          version: '2.36-9+deb12u4',
          licenses: [{ license: { id: 'GPL-2.0-only' } }, { license: { name: 'LGPL-2.1' } }],
          purl: libc,
          properties: [
            { name: 'syft:package:foundBy', value: 'dpkg-db-cataloger' },
            { name: 'syft:location:0:layerID', value: 'sha256:aaaa' },
            { name: 'syft:location:0:path', value: '/var/lib/dpkg/status' },
          ],
        },
        {
          'bom-ref': gcc,
          type: 'library',
          name: 'libgcc-s1',
          version: '12.2.0-14',
          purl: gcc,
        },
        {
          'bom-ref': 'os-ref',
          type: 'operating-system',
          name: 'debian',
          version: '12',
          description: 'Debian GNU/Linux 12 (bookworm)',
          properties: [
            { name: 'syft:distro:id', value: 'debian' },
            { name: 'syft:distro:versionCodename', value: 'bookworm' },
            { name: 'syft:distro:versionID', value: '12' },
          ],
        },
      ],
      dependencies: [{ ref: `${libc}&package-id=5a3fe5c1e7b8d3a2`, dependsOn: [gcc] }],
    });
    assert.deepEqual(r.os, {
      id: 'debian',
      versionId: '12',
      versionCodename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      source: 'test.cdx',
    });
    assert.equal(r.image?.reference, 'debian:12.5');
    const libc6 = byName(r, 'libc6');
    assert.deepEqual(
      [libc6.type, libc6.ecosystem, libc6.arch, libc6.source, libc6.maintainer, libc6.foundBy],
      [
        'deb',
        'Debian:12',
        'amd64',
        { name: 'glibc', version: '2.36-9+deb12u4' },
        'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
        'sbom/cyclonedx',
      ],
    );
    assert.deepEqual(libc6.licenses, ['GPL-2.0-only', 'LGPL-2.1']);
    assert.deepEqual(libc6.locations, [{ path: 'var/lib/dpkg/status' }]);
    assert.deepEqual(libc6.dependsOn, [gcc]);
    assert.deepEqual(byName(r, 'libgcc-s1').source, { name: 'gcc-12', version: '12.2.0-14' });
  });

  it('reads a Trivy-shaped image BOM: family names, version-only apk distro, Src* properties', () => {
    const image =
      'pkg:oci/alpine@sha256%3Ac5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b?arch=amd64&repository_url=index.docker.io%2Flibrary%2Falpine';
    const busybox = 'pkg:apk/alpine/busybox-binsh@1.36.1-r5?arch=x86_64&distro=3.18.4';
    const ssl = 'pkg:rpm/redhat/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=redhat-9.3&epoch=1';
    const toml = 'pkg:golang/github.com/burntsushi/toml@v1.3.2';
    const log4j = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1';
    const r = decode({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      metadata: {
        component: {
          'bom-ref': image,
          type: 'container',
          name: 'alpine:3.18.4',
          purl: image,
          properties: [
            {
              name: 'aquasecurity:trivy:DiffID',
              value: 'sha256:cc2447e1835a40530975ab80bb1f872fbab0f2a0faecf2ab16fbbb89b3589438',
            },
            {
              name: 'aquasecurity:trivy:ImageID',
              value: 'sha256:8ca4688f4f356596b5ae539337c9941abc78eda10021d35cbc52659c74d9b443',
            },
            {
              name: 'aquasecurity:trivy:RepoDigest',
              value: 'alpine@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b',
            },
            { name: 'aquasecurity:trivy:RepoTag', value: 'alpine:3.18.4' },
          ],
        },
      },
      components: [
        {
          'bom-ref': busybox,
          type: 'library',
          name: 'busybox-binsh',
          version: '1.36.1-r5',
          purl: busybox,
          properties: [
            {
              name: 'aquasecurity:trivy:LayerDiffID',
              value: 'sha256:cc2447e1835a40530975ab80bb1f872fbab0f2a0faecf2ab16fbbb89b3589438',
            },
            { name: 'aquasecurity:trivy:SrcName', value: 'busybox' },
            { name: 'aquasecurity:trivy:SrcVersion', value: '1.36.1-r5' },
          ],
        },
        {
          'bom-ref': ssl,
          type: 'library',
          name: 'openssl-libs',
          version: '3.0.7-25.el9_3',
          purl: ssl,
          properties: [
            { name: 'aquasecurity:trivy:SrcEpoch', value: '1' },
            { name: 'aquasecurity:trivy:SrcName', value: 'openssl' },
            { name: 'aquasecurity:trivy:SrcRelease', value: '25.el9_3' },
            { name: 'aquasecurity:trivy:SrcVersion', value: '3.0.7' },
          ],
        },
        {
          'bom-ref': 'os',
          type: 'operating-system',
          name: 'alpine',
          version: '3.18.4',
          properties: [{ name: 'aquasecurity:trivy:Class', value: 'os-pkgs' }],
        },
        {
          'bom-ref': 'app',
          type: 'application',
          name: 'usr/local/bin/app',
          properties: [{ name: 'aquasecurity:trivy:Class', value: 'lang-pkgs' }],
        },
        {
          'bom-ref': toml,
          type: 'library',
          name: 'github.com/BurntSushi/toml',
          version: 'v1.3.2',
          purl: toml,
        },
        {
          'bom-ref': log4j,
          type: 'library',
          group: 'org.apache.logging.log4j',
          name: 'log4j-core',
          version: '2.14.1',
          purl: log4j,
        },
      ],
      dependencies: [
        { ref: image, dependsOn: ['os', 'app'] },
        { ref: 'os', dependsOn: [busybox, ssl] },
        { ref: 'app', dependsOn: [toml] },
        { ref: busybox, dependsOn: [] },
      ],
    });
    assert.deepEqual(r.os, { id: 'alpine', versionId: '3.18.4', source: 'test.cdx' });
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, p.ecosystem]),
      [
        ['busybox-binsh', '1.36.1-r5', 'Alpine:v3.18'],
        ['openssl-libs', '1:3.0.7-25.el9_3', 'Red Hat'],
        ['github.com/BurntSushi/toml', 'v1.3.2', 'Go'],
        ['log4j-core', '2.14.1', 'Maven'],
      ],
      'the Class=lang-pkgs grouping is no package',
    );
    assert.deepEqual(byName(r, 'busybox-binsh').source, { name: 'busybox', version: '1.36.1-r5' });
    assert.deepEqual(byName(r, 'openssl-libs').source, { name: 'openssl', version: '1:3.0.7-25.el9_3' });
    assert.deepEqual(byName(r, 'busybox-binsh').locations, [], 'Trivy gives OS packages no FilePath');
    assert.deepEqual(r.image, {
      reference: 'alpine:3.18.4',
      manifestDigest: 'sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b',
      configDigest: 'sha256:8ca4688f4f356596b5ae539337c9941abc78eda10021d35cbc52659c74d9b443',
      platform: { os: '', architecture: 'amd64' },
      repoTags: ['alpine:3.18.4'],
      repoDigests: ['alpine@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b'],
      layers: [
        { index: 0, diffId: 'sha256:cc2447e1835a40530975ab80bb1f872fbab0f2a0faecf2ab16fbbb89b3589438' },
      ],
      config: {},
    });
  });

  it('warns about an unparseable purl and keeps the package, without ecosystem', () => {
    const r = decode({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ 'bom-ref': 'x', type: 'library', name: 'x', version: '1', purl: 'pkg:/nothing' }],
    });
    assert.deepEqual(
      [r.packages[0]!.type, r.packages[0]!.ecosystem, r.packages[0]!.purl],
      ['generic', undefined, 'pkg:/nothing'],
    );
    assert.deepEqual(r.errors, [
      {
        path: 'test.cdx',
        stage: 'sbom/cyclonedx',
        message: 'x: "pkg:/nothing" is not a valid purl; the package gets no ecosystem',
      },
    ]);
  });
});

describe('CycloneDX refs', () => {
  it('keeps components whose bom-ref repeats, warns, and sends references to the first', () => {
    const r = decode({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { type: 'library', 'bom-ref': 'a', name: 'first', version: '1' },
        { type: 'library', 'bom-ref': 'a', name: 'second', version: '2' },
        { type: 'library', name: 'no-ref', version: '3' },
        { type: 'library', 'bom-ref': 'b', name: 'b', version: '4' },
      ],
      dependencies: [{ ref: 'b', dependsOn: ['a'] }],
    });
    assert.deepEqual(
      r.packages.map((p) => [p.id, p.name]),
      [
        ['a', 'first'],
        ['a#2', 'second'],
        ['#component-3', 'no-ref'],
        ['b', 'b'],
      ],
    );
    assert.deepEqual(byName(r, 'b').dependsOn, ['a']);
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['components[1]: bom-ref "a" is used twice; references go to the first'],
    );
  });
});

describe('CycloneDX XML', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata>
    <component type="container" bom-ref="root">
      <name>registry.example/app</name>
      <version>2.1</version>
    </component>
  </metadata>
  <components>
    <component type="library" bom-ref="pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&amp;distro=debian-12&amp;upstream=openssl">
      <supplier><name>Debian OpenSSL Team</name><contact><email>pkg-openssl-devel@alioth-lists.debian.net</email></contact></supplier>
      <name>libssl3</name>
      <version>3.0.11-1~deb12u2</version>
      <hashes><hash alg="SHA-256">9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08</hash></hashes>
      <licenses><license><id>Apache-2.0</id></license></licenses>
      <purl>pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&amp;distro=debian-12&amp;upstream=openssl</purl>
      <properties><property name="syft:location:0:path">/var/lib/dpkg/status</property></properties>
    </component>
    <component type="library" bom-ref="spring">
      <group>org.springframework</group>
      <name>spring-core</name>
      <version>5.3.30</version>
      <licenses><expression>Apache-2.0 AND (MIT OR ISC)</expression></licenses>
      <purl>pkg:maven/org.springframework/spring-core@5.3.30</purl>
      <components>
        <component type="library" bom-ref="jcl">
          <name>spring-jcl</name>
          <version>5.3.30</version>
          <purl>pkg:maven/org.springframework/spring-jcl@5.3.30</purl>
        </component>
      </components>
    </component>
    <component type="operating-system" bom-ref="os"><name>debian</name><version>12.4</version></component>
  </components>
  <dependencies>
    <dependency ref="spring"><dependency ref="jcl"/></dependency>
    <dependency ref="jcl"/>
  </dependencies>
</bom>`;

  it('reads components, nesting, licences, hashes, properties and dependencies', () => {
    const r = decode(xml);
    assert.deepEqual(r.errors, []);
    assert.equal(r.image?.reference, 'registry.example/app:2.1');
    assert.deepEqual([r.os?.id, r.os?.versionId], ['debian', '12.4']);
    const ssl = byName(r, 'libssl3');
    assert.equal(
      ssl.purl,
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
    );
    assert.deepEqual(
      [ssl.ecosystem, ssl.source, ssl.licenses, ssl.maintainer],
      [
        'Debian:12',
        { name: 'openssl', version: '3.0.11-1~deb12u2' },
        ['Apache-2.0'],
        'Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>',
      ],
    );
    assert.deepEqual(ssl.hashes, [
      { alg: 'SHA-256', content: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    ]);
    assert.deepEqual(ssl.locations, [{ path: 'var/lib/dpkg/status' }]);
    const spring = byName(r, 'spring-core');
    assert.deepEqual(spring.licenses, ['Apache-2.0', 'MIT OR ISC']);
    assert.deepEqual(spring.dependsOn, ['jcl']);
    assert.deepEqual(byName(r, 'spring-jcl').dependsOn, []);
    assert.ok(r.relationships.some((x) => x.type === 'contains' && x.from === 'spring' && x.to === 'jcl'));
  });

  it('refuses malformed XML, other XML and entity declarations it would have to expand', () => {
    const err = (text: string) => {
      const r = parseSbom(Buffer.from(text));
      assert.equal(r.ok, false);
      return r.ok ? '' : r.error;
    };
    assert.match(
      err('<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>'),
      /^invalid XML at line 1/,
    );
    assert.match(err('<project><name>x</name></project>'), /not a CycloneDX XML BOM/);
    assert.match(
      err('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'),
      /SPDX RDF\/XML/,
    );
    const bomb = `<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&b;</name></component></components></bom>`;
    const r = parseSbom(Buffer.from(bomb));
    assert.ok(r.ok);
    assert.equal(r.value.packages[0]?.name, '&b;', 'the entity is left as written, never expanded');
    const xxe = bomb.replace('<!ENTITY a "aaaaaaaaaa">', '<!ENTITY a SYSTEM "file:///etc/passwd">');
    assert.match(err(xxe), /External entities are not supported/);
  });
});
