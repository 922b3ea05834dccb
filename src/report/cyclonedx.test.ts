import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { Suppression } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { sharedData } from '../test-support/shared-data.ts';
import { type CdxBom, encodeCycloneDx, toCycloneDx } from './cyclonedx.ts';
import { awkwardFindingsScan, cleanScan, findingsScan } from './testdata/finding-fixtures.ts';
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

  for (const [name, scan] of Object.entries({
    findings: findingsScan(),
    awkwardFindings: awkwardFindingsScan(),
    clean: cleanScan(),
  })) {
    it(`${name}: vulnerabilities validate against the official 1.6 schema and affect defined components`, () => {
      const bom = JSON.parse(encodeCycloneDx(scan, fixed)) as CdxBom;
      assertValid(bom, name);
      assert.ok(bom.vulnerabilities, 'a matched scan has a vulnerabilities array, even an empty one');
      const { defined } = refs(bom);
      const vulnRefs = bom.vulnerabilities.map((v) => v['bom-ref']);
      assert.equal(
        new Set([...defined, ...vulnRefs]).size,
        defined.length + vulnRefs.length,
        'bom-refs unique',
      );
      for (const v of bom.vulnerabilities)
        for (const a of v.affects ?? []) assert.ok(defined.includes(a.ref), `${v.id} affects ${a.ref}`);
    });
  }

  it('the validator rejects a vulnerability CycloneDX forbids (it is not vacuous)', () => {
    const bom = toCycloneDx(findingsScan(), fixed);
    const v = bom.vulnerabilities![0]!;
    assert.equal(validator!({ ...bom, vulnerabilities: [{ ...v, ratings: [{ method: 'CVSSv5' }] }] }), false);
    assert.equal(
      validator!({ ...bom, vulnerabilities: [{ ...v, analysis: { state: 'suppressed' } }] }),
      false,
    );
  });

  it('writes each finding as a vulnerability with source, aliases, ratings, advice and affects', () => {
    const bom = toCycloneDx(findingsScan(), fixed);
    const vulns = bom.vulnerabilities!;
    assert.deepEqual(
      vulns.map((v) => v.id),
      ['CVE-2021-44228', 'CVE-2021-45046', 'CVE-2023-45853', 'CVE-2010-4756', 'CVE-2024-21626'],
    );
    const byId = new Map(vulns.map((v) => [v.id, v]));
    const ref = (name: string) => bom.components.find((c) => c.name === name)!['bom-ref'];

    const log4shell = byId.get('CVE-2021-44228')!;
    assert.deepEqual(log4shell.source, {
      name: 'NVD',
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
    });
    assert.deepEqual(log4shell.references, [
      {
        id: 'GHSA-jfh8-c2jp-5v3q',
        source: { name: 'GitHub', url: 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q' },
      },
    ]);
    assert.deepEqual(log4shell.ratings, [
      {
        source: { name: 'GitHub', url: 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q' },
        score: 10,
        severity: 'critical',
        method: 'CVSSv31',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
      },
    ]);
    assert.equal(log4shell.description, 'Remote code injection in Log4j');
    assert.match(log4shell.detail ?? '', /^Log4j versions prior to 2\.16\.0/);
    assert.equal(log4shell.recommendation, 'Upgrade log4j-core to 2.15.0');
    assert.deepEqual(log4shell.advisories?.[0], { url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' });
    assert.equal(log4shell.published, '2021-12-10T00:40:56Z');
    assert.deepEqual(log4shell.affects, [
      { ref: ref('log4j-core'), versions: [{ version: '2.14.1', status: 'affected' }] },
    ]);
    assert.equal(log4shell.analysis, undefined);
    const prop = (name: string) => log4shell.properties?.find((p) => p.name === name)?.value;
    assert.equal(prop('bulwark:kev:dateAdded'), '2021-12-10');
    assert.equal(prop('bulwark:epss:score'), '0.99999');

    const glob = byId.get('CVE-2010-4756')!;
    assert.deepEqual(glob.ratings, [
      {
        source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2010-4756' },
        score: 4,
        severity: 'medium',
        method: 'CVSSv2',
        vector: 'AV:N/AC:L/Au:S/C:N/I:N/A:P',
      },
      { source: { name: 'debian-tracker' }, severity: 'info', method: 'other' },
    ]);
    assert.equal(glob.recommendation, undefined, 'nothing to upgrade to');

    const runc = byId.get('CVE-2024-21626')!;
    assert.equal(runc.ratings, undefined, 'no CVSS and no vendor rating');
    assert.deepEqual(
      runc.references?.map((r) => [r.id, r.source.url]),
      [
        ['GHSA-xr7r-f8xq-vfvv', 'https://github.com/advisories/GHSA-xr7r-f8xq-vfvv'],
        ['GO-2024-2491', 'https://pkg.go.dev/vuln/GO-2024-2491'],
      ],
    );
    assert.equal(runc.recommendation, 'Upgrade github.com/opencontainers/runc to 1.1.12');
  });

  it('records suppressions as an analysis: VEX state and justification, or the ignore rule', () => {
    const zlib = toCycloneDx(findingsScan(), fixed).vulnerabilities!.find((v) => v.id === 'CVE-2023-45853')!;
    assert.deepEqual(zlib.analysis, {
      state: 'not_affected',
      justification: 'code_not_present',
      detail: 'VEX not_affected: vulnerable_code_not_present (.vex/zlib.openvex.json)',
    });
    assert.equal(zlib.affects?.[0]?.versions?.[0]?.status, 'unaffected');

    const awkward = toCycloneDx(awkwardFindingsScan(), fixed).vulnerabilities!;
    const same = awkward.filter((v) => v.id === 'CVE-2016-2107');
    assert.equal(same.length, 2, 'an ignored finding does not share an entry with an open one');
    assert.deepEqual(same.find((v) => v.analysis)?.analysis, {
      detail: 'Ignore rule ignored: not reachable from the CLI (.bulwarkignore)',
    });
    assert.equal(same[1]!['bom-ref'], 'vulnerability:CVE-2016-2107-2');
    const unknown = awkward.find((v) => v.id === 'NSWG-ECO-1')!;
    assert.equal(unknown.source, undefined, 'no guessed source for an unknown prefix');
    assert.equal(unknown.advisories, undefined, 'references that are not URLs are left out');
    assert.equal(unknown.published, '2016-01-05T00:00:00Z');
  });

  it('keeps the CycloneDX state a CycloneDX VEX gave, and reads `label: detail` reasons', () => {
    const scan = findingsScan();
    const withSuppression = (suppressed: Suppression): ScanResult => ({
      ...scan,
      vulnerabilities: {
        ...scan.vulnerabilities!,
        findings: scan.vulnerabilities!.findings.map((f) => (f.suppressed ? { ...f, suppressed } : f)),
      },
    });
    const zlib = (s: Suppression) =>
      toCycloneDx(withSuppression(s), fixed).vulnerabilities!.find((v) => v.id === 'CVE-2023-45853')!;
    const cdx = zlib({
      kind: 'vex',
      status: 'false_positive',
      reason: 'false_positive',
      source: 'v.cdx.json',
    });
    assert.equal(cdx.analysis?.state, 'false_positive');
    assert.equal(cdx.analysis?.justification, undefined);
    assert.equal(cdx.affects?.[0]?.versions?.[0]?.status, 'unaffected');
    const joined = zlib({
      kind: 'vex',
      status: 'not_affected',
      reason: 'code_not_reachable: minizip is never linked',
      source: 'v.cdx.json',
    });
    assert.equal(joined.analysis?.justification, 'code_not_reachable');
    assert.equal(
      zlib({ kind: 'vex', status: 'fixed', reason: 'fixed', source: 'v.json' }).analysis?.state,
      'resolved',
    );
    const triage = zlib({ kind: 'vex', status: 'in_triage', reason: 'in_triage', source: 'v.cdx.json' });
    assert.equal(triage.analysis?.state, 'in_triage');
    assert.equal(triage.affects?.[0]?.versions?.[0]?.status, 'affected');
  });

  it('leaves vulnerabilities out of an unmatched scan', () => {
    assert.equal('vulnerabilities' in toCycloneDx(bookwormScan(), fixed), false);
  });
});
