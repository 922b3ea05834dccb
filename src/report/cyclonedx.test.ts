import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { sharedData } from '../test-support/shared-data.ts';
import { type CdxBom, encodeCycloneDx, toCycloneDx } from './cyclonedx.ts';
import { allScans, awkwardScan, bookwormScan, rootfsScan } from './testdata/scan-fixtures.ts';

const fixed = { randomUUID: () => '3e671687-395b-41f5-a30f-a58921a69b79' };

/** The official CycloneDX 1.6 JSON schema (draft-07) with the two schemas it $refs. */
function cycloneDxValidator(): ValidateFunction {
  const dir = sharedData('sbom', 'cyclonedx-spec', 'schema'); // throws "this test needs ../shared/data…"
  const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as object;
  // strict off: the schema uses annotation keywords ajv does not know (e.g. meta:enum).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  // ajv-formats has no IRI/IDN formats; check them as their ASCII counterparts, non-ASCII escaped.
  const asAscii = (s: string) => s.replace(/[^\x00-\x7f]/gu, (c) => encodeURIComponent(c));
  const format = (name: 'uri-reference' | 'email') => ajvFormats.default.get(name) as RegExp;
  ajv.addFormat('iri-reference', (s: string) => format('uri-reference').test(asAscii(s)));
  ajv.addFormat('idn-email', (s: string) => format('email').test(asAscii(s)));
  ajv.addSchema(load('spdx.schema.json'));
  ajv.addSchema(load('jsf-0.82.schema.json'));
  return ajv.compile(load('bom-1.6.schema.json'));
}

let validator: ValidateFunction | undefined;
function assertValid(doc: unknown, label: string): void {
  validator ??= cycloneDxValidator();
  if (!validator(doc)) {
    assert.fail(
      `${label} is not valid CycloneDX 1.6:\n${JSON.stringify(validator.errors?.slice(0, 10), null, 2)}`,
    );
  }
}

/** Every bom-ref in the BOM, and every ref the dependency graph uses. */
function refs(bom: CdxBom): { defined: string[]; used: string[] } {
  const defined = [bom.metadata.component, ...bom.metadata.tools.components, ...bom.components].map(
    (c) => c['bom-ref'],
  );
  const used = bom.dependencies.flatMap((d) => [d.ref, ...(d.dependsOn ?? [])]);
  return { defined, used };
}

describe('encodeCycloneDx', () => {
  it('the validator rejects an invalid example BOM of the specification (it is not vacuous)', () => {
    const dir = sharedData('sbom', 'cyclonedx-spec', 'tools', 'src', 'test', 'resources', '1.6');
    validator ??= cycloneDxValidator();
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
    assert.equal(validator(read('valid-component-hashes-1.6.json')), true);
    assert.equal(validator(read('invalid-license-id-1.6.json')), false);
    assert.equal(validator(read('invalid-component-type-1.6.json')), false);
  });

  for (const [name, scan] of Object.entries(allScans())) {
    it(`${name}: validates against the official 1.6 schema, every ref resolves`, () => {
      const text = encodeCycloneDx(scan, fixed);
      assert.ok(text.endsWith('}\n'));
      const bom = JSON.parse(text) as CdxBom;
      assertValid(bom, name);
      const { defined, used } = refs(bom);
      assert.equal(new Set(defined).size, defined.length, 'bom-refs are unique');
      for (const ref of used) assert.ok(defined.includes(ref), `dependency ref ${ref} is defined`);
      const depRefs = bom.dependencies.map((d) => d.ref);
      assert.equal(new Set(depRefs).size, depRefs.length, 'one dependency entry per ref');
      assert.equal(bom.components.filter((c) => c.type === 'library').length, scan.packages.length);
    });
  }

  it('describes the image: container component, OCI purl, digest hash, image properties', () => {
    const bom = toCycloneDx(bookwormScan(), fixed);
    assert.equal(bom.serialNumber, 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    assert.equal(bom.metadata.timestamp, '2025-09-01T10:20:30.456Z');
    assert.deepEqual(
      bom.metadata.tools.components.map((c) => [c.name, c.version]),
      [['bulwark', '0.1.0']],
    );
    const root = bom.metadata.component;
    const digest = '1a071e9ffa6e1e4f7c09d0de20fc6560ae7ccb6ccdf4c3ca16013f7b5089c870';
    assert.equal(root.type, 'container');
    assert.equal(root.name, 'docker.io/library/debian:bookworm-ssl');
    assert.equal(root.version, `sha256:${digest}`);
    assert.equal(
      root.purl,
      `pkg:oci/debian@sha256:${digest}?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=bookworm-ssl`,
    );
    assert.deepEqual(root.hashes, [{ alg: 'SHA-256', content: digest }]);
    const prop = (n: string) => root.properties?.filter((p) => p.name === n).map((p) => p.value);
    assert.deepEqual(prop('bulwark:image:configDigest'), [
      'sha256:a26fdbe4a28690217fb41e2f4eb572809e4ce1d4f15d0729e30cbe846f405a10',
    ]);
    assert.deepEqual(prop('bulwark:image:platform'), ['linux/amd64']);
    assert.deepEqual(prop('bulwark:image:repoTag'), ['debian:bookworm-ssl']);
    assert.deepEqual(prop('bulwark:image:layer:1:diffId'), [
      'sha256:45650b80e5eef7f371ffcc7bd82d5683b1c3e7af2e505e5eadf2045aa5b63acd',
    ]);
  });

  it('encodes the OS and the packages with licences, supplier and properties', () => {
    const bom = toCycloneDx(bookwormScan(), fixed);
    const os = bom.components.find((c) => c.type === 'operating-system');
    assert.deepEqual(
      [os?.name, os?.version, os?.description],
      ['debian', '12', 'Debian GNU/Linux 12 (bookworm)'],
    );
    const byName = new Map(bom.components.map((c) => [c.name, c]));
    const libssl = byName.get('libssl3')!;
    assert.equal(libssl['bom-ref'], libssl.purl);
    assert.deepEqual(libssl.licenses, [
      { expression: 'Apache-2.0 AND (Artistic-2.0 OR GPL-1.0-or-later) AND GPL-1.0-or-later' },
    ]);
    assert.deepEqual(libssl.supplier, {
      name: 'Debian OpenSSL Team',
      contact: [{ email: 'pkg-openssl-devel@alioth-lists.debian.net' }],
    });
    const props = Object.fromEntries(libssl.properties!.map((p) => [p.name, p.value]));
    assert.equal(props['bulwark:package:sourceName'], 'openssl');
    assert.equal(props['bulwark:package:arch'], 'amd64');
    assert.equal(props['bulwark:package:foundBy'], 'os/dpkg');
    assert.equal(props['bulwark:location:0:path'], 'var/lib/dpkg/status');
    assert.equal(
      props['bulwark:location:0:layerDiffId'],
      'sha256:45650b80e5eef7f371ffcc7bd82d5683b1c3e7af2e505e5eadf2045aa5b63acd',
    );
    assert.deepEqual(byName.get('zlib1g')!.licenses, [{ license: { id: 'Zlib' } }]);
    assert.deepEqual(byName.get('tzdata')!.licenses, [{ license: { name: 'public-domain' } }]);
    assert.equal(byName.get('libc6')!.licenses, undefined);
  });

  it('builds the graph target → OS → OS packages → dependencies', () => {
    const bom = toCycloneDx(bookwormScan(), fixed);
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    const ref = (name: string) => bom.components.find((c) => c.name === name)!['bom-ref'];
    assert.deepEqual(deps.get(bom.metadata.component['bom-ref']), [ref('debian')]);
    assert.equal(deps.get(ref('debian'))?.length, 7);
    assert.deepEqual(deps.get(ref('libgcc-s1')), [ref('gcc-12-base'), ref('libc6')]);
    assert.deepEqual(deps.get(ref('libc6')), [ref('libgcc-s1')]);
    assert.deepEqual(deps.get(ref('base-files')), [], 'known to have no dependencies');
  });

  it('describes a directory as a file component, without image data', () => {
    const bom = toCycloneDx(rootfsScan(), fixed);
    assert.equal(bom.metadata.component.type, 'file');
    assert.equal(bom.metadata.component.name, '/srv/rootfs');
    assert.equal(bom.metadata.component.purl, undefined);
    assert.ok(!JSON.stringify(bom).includes('bulwark:image:'));
    assert.ok(!JSON.stringify(bom).includes('layerDiffId'));
  });

  it('copes with repeated, empty and odd ids, unknown dependencies and containment', () => {
    const bom = toCycloneDx(awkwardScan(), fixed);
    const refsOf = (name: string) => bom.components.filter((c) => c.name === name).map((c) => c['bom-ref']);
    assert.deepEqual(refsOf('openssl').sort(), ['dup', 'dup-2']);
    assert.match(refsOf('empty-id')[0]!, /^package-\d+$/);
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    // openssl 1.0.0 (npm) sorts before 3.0.19 (deb), so keeps `dup`; of its dependencies
    // (itself, a missing id, `a:b`) only `a:b` is real.
    assert.deepEqual(deps.get('dup'), ['a:b']);
    assert.equal(deps.has('dup-2'), false);
    assert.deepEqual(deps.get('parent'), ['a/b']);
    assert.equal(deps.has('child'), false, 'unknown dependencies: no entry');
    const child = bom.components.find((c) => c.name === 'bundled')!;
    assert.deepEqual(
      child.properties?.find((p) => p.name === 'bulwark:package:containedIn')?.value,
      'parent',
    );
    // No OS: the target depends on every package directly.
    assert.equal(deps.get(bom.metadata.component['bom-ref'])?.length, 9);
    assert.deepEqual(bom.metadata.properties, [{ name: 'bulwark:scan:errorCount', value: '1' }]);
  });

  it('is byte-identical for the same input and a new serial number by default', () => {
    const scan = bookwormScan();
    assert.equal(
      encodeCycloneDx(scan, fixed),
      encodeCycloneDx({ ...scan, packages: [...scan.packages].reverse() }, fixed),
    );
    const a = toCycloneDx(scan).serialNumber;
    const b = toCycloneDx(scan).serialNumber;
    assert.notEqual(a, b);
    assert.match(a, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
