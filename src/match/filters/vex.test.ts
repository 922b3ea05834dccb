import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { Finding } from '../../core/finding.ts';
import { sharedData } from '../../test-support/shared-data.ts';
import { applyVex } from './apply-vex.ts';
import { loadVex, parseVex } from './load-vex.ts';
import { finding } from './testdata/finding.ts';
import { mergeVexStatements } from './vex-statement.ts';

// Real documents from ../shared/data (the project's shared folder; the test says so when missing):
// the CycloneDX specification's vulnerability examples, and Canonical's OpenVEX for two CVEs.
const cdxExample = (v: string) =>
  sharedData('sbom/cyclonedx-spec/tools/src/test/resources', v, `valid-vulnerability-${v}.json`);
const ubuntuVex = (year: string, cve: string) =>
  sharedData('feeds/vunnel/tests/unit/providers/ubuntu/test-fixtures/vex/cve', year, `${cve}.json`);

const jackson = finding({
  id: 'CVE-2018-7489',
  aliases: ['GHSA-6fpp-rgj9-8rwc'],
  package: {
    id: 'maven:jackson-databind@2.9.4',
    name: 'jackson-databind',
    version: '2.9.4',
    purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4',
  },
});

function curl(version: string, id = 'CVE-2023-38545'): Finding {
  return finding({
    id,
    aliases: [],
    package: {
      id: `deb:curl@${version}:amd64`,
      name: 'curl',
      version,
      type: 'deb',
      purl: `pkg:deb/ubuntu/curl@${version}?arch=amd64&distro=ubuntu-22.04`,
      locations: [{ path: 'var/lib/dpkg/status' }],
    },
  });
}

describe('VEX: real CycloneDX examples (specification 1.4–1.7)', () => {
  for (const v of ['1.4', '1.5', '1.6', '1.7']) {
    it(`${v}: not_affected suppresses jackson-databind 2.9.4 for CVE-2018-7489 (a reference of the SNYK id)`, async () => {
      const path = cdxExample(v);
      const vex = await loadVex(path);
      assert.equal(vex.statements.length, 1);
      assert.deepEqual(vex.warnings, []);
      const [out, other] = applyVex(
        [
          jackson,
          finding({
            ...jackson,
            package: {
              ...jackson.package,
              version: '2.9.5',
              purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.5',
            },
          }),
        ],
        vex,
      );
      assert.deepEqual(out!.suppressed, {
        kind: 'vex',
        status: 'not_affected',
        reason:
          'code_not_reachable: An optional explanation of why the application is not affected by the vulnerable component.',
        source: path,
      });
      assert.equal(other!.suppressed, undefined, 'another version is not the product the VEX names');
    });
  }
});

describe('VEX: real OpenVEX v0.2.0 from Canonical (CVE-2023-38545, CVE-2016-20013)', () => {
  const path = ubuntuVex('2023', 'CVE-2023-38545');
  const vex = parseVex(readFileSync(path, 'utf8'), path);

  it('reads every statement', () => {
    assert.deepEqual(
      vex.statements.map((s) => [s.vulnerability, s.status, s.suppresses]),
      [
        ['CVE-2023-38545', 'fixed', true],
        ['CVE-2023-38545', 'affected', false],
        ['CVE-2023-38545', 'not_affected', true],
      ],
    );
    assert.deepEqual(vex.warnings, []);
    assert.ok(vex.statements[0]!.aliases.includes('https://nvd.nist.gov/vuln/detail/CVE-2023-38545'));
  });

  const cases: { name: string; f: Finding; want?: { status: string; reason: RegExp } }[] = [
    {
      name: 'fixed (jammy 7.81.0-1ubuntu1.24; distro qualifiers differ and are ignored)',
      f: curl('7.81.0-1ubuntu1.24'),
      want: {
        status: 'fixed',
        reason: /^This package \(for the given release\) was vulnerable, but an update/,
      },
    },
    {
      name: 'not_affected (trusty esm 7.35.0-1ubuntu2.20+esm19)',
      f: curl('7.35.0-1ubuntu2.20+esm19'),
      want: {
        status: 'not_affected',
        reason: /^vulnerable_code_not_present: This package .*affects 7\.69 and higher/,
      },
    },
    { name: 'affected (xenial 7.47.0-1ubuntu2.19) is not suppressed', f: curl('7.47.0-1ubuntu2.19') },
    { name: 'a version the VEX does not list is not suppressed', f: curl('7.81.0-1ubuntu1.13') },
    {
      name: 'another vulnerability of the same package is not suppressed',
      f: curl('7.81.0-1ubuntu1.24', 'CVE-2023-38546'),
    },
    {
      name: 'matched through an alias of the statement',
      f: {
        ...curl('7.81.0-1ubuntu1.24', 'UBUNTU-CVE-2023-38545'),
        aliases: ['https://www.cve.org/CVERecord?id=CVE-2023-38545'],
      },
      want: { status: 'fixed', reason: /was vulnerable/ },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [out] = applyVex([c.f], vex);
      if (!c.want) {
        assert.equal(out!.suppressed, undefined);
        return;
      }
      assert.equal(out!.suppressed?.kind, 'vex');
      assert.equal(out!.suppressed?.status, c.want.status);
      assert.equal(out!.suppressed?.source, path);
      assert.match(out!.suppressed?.reason ?? '', c.want.reason);
    });
  }

  it('CVE-2016-20013: component_not_present for a package of the not_affected statement', async () => {
    const p = ubuntuVex('2016', 'CVE-2016-20013');
    const v = await loadVex(p);
    const zabbix = finding({
      id: 'CVE-2016-20013',
      aliases: [],
      package: {
        name: 'zabbix-agent',
        version: '1:6.0.25+dfsg-1',
        type: 'deb',
        purl: 'pkg:deb/ubuntu/zabbix-agent@1%3A6.0.25%2Bdfsg-1?arch=amd64&distro=ubuntu-24.04',
      },
    });
    const [out] = applyVex([zabbix], v);
    assert.equal(out!.suppressed?.status, 'not_affected');
    assert.match(out!.suppressed!.reason, /^component_not_present: This package/);
  });
});

const openvex = (statements: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/1',
    author: 'test',
    timestamp: '2024-01-01T00:00:00Z',
    version: 1,
    statements,
    ...extra,
  });
const log4j = finding();
const LOG4J = 'pkg:maven/org.apache.logging.log4j/log4j-core';

describe('VEX: OpenVEX semantics', () => {
  const cases: { name: string; doc: string; f?: Finding; status?: string }[] = [
    {
      name: 'versionless product purl: any version',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
      ]),
      status: 'not_affected',
    },
    {
      name: 'matched by the finding alias (GHSA)',
      doc: openvex([
        {
          vulnerability: { name: 'GHSA-jfh8-c2jp-5v3q' },
          products: [{ '@id': `${LOG4J}@2.14.1` }],
          status: 'fixed',
        },
      ]),
      status: 'fixed',
    },
    {
      name: 'product named by identifiers.purl',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': 'https://example.com/p', identifiers: { purl: `${LOG4J}@2.14.1` } }],
          status: 'fixed',
        },
      ]),
      status: 'fixed',
    },
    {
      name: 'affected and under_investigation do not suppress',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'affected',
          action_statement: 'upgrade',
        },
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'under_investigation',
        },
      ]),
    },
    {
      name: 'the newest statement wins: affected after not_affected',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'affected',
          timestamp: '2024-03-01T00:00:00Z',
        },
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'not_affected',
          justification: 'x',
          timestamp: '2024-02-01T00:00:00Z',
        },
      ]),
    },
    {
      name: 'the newest statement wins: not_affected after under_investigation (last_updated counts)',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'under_investigation',
          timestamp: '2024-03-01T00:00:00Z',
        },
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'not_affected',
          justification: 'x',
          timestamp: '2024-02-01T00:00:00Z',
          last_updated: '2024-04-01T00:00:00Z',
        },
      ]),
      status: 'not_affected',
    },
    {
      name: 'equal times: the later statement in the document wins',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': LOG4J }],
          status: 'not_affected',
          justification: 'x',
        },
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': LOG4J }], status: 'affected' },
      ]),
    },
    {
      name: 'subcomponents of an image product',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': 'pkg:oci/app@sha256%3Aabcd', subcomponents: [{ '@id': `${LOG4J}@2.14.1` }] }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_present',
        },
      ]),
      status: 'not_affected',
    },
    {
      name: 'another package is not matched',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': 'pkg:maven/org.apache.logging.log4j/log4j-api' }],
          status: 'fixed',
        },
      ]),
    },
    {
      name: 'another version is not matched',
      doc: openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': `${LOG4J}@2.17.1` }],
          status: 'fixed',
        },
      ]),
    },
    {
      name: 'the older https://openvex.dev/ns shape (strings, statement-level subcomponents)',
      doc: JSON.stringify({
        '@context': 'https://openvex.dev/ns',
        '@id': 'https://example.com/vex/old',
        author: 'test',
        timestamp: '2023-01-08T18:02:03.647787998-06:00',
        version: '1',
        statements: [
          {
            vulnerability: 'CVE-2021-44228',
            products: ['pkg:oci/app'],
            subcomponents: [`${LOG4J}@2.14.1`],
            status: 'not_affected',
            justification: 'inline_mitigations_already_exist',
          },
        ],
      }),
      status: 'not_affected',
    },
    {
      name: 'a finding already suppressed keeps its suppression',
      doc: openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': LOG4J }], status: 'fixed' },
      ]),
      f: finding({ suppressed: { kind: 'ignore', status: 'ignored', reason: 'r', source: 'i' } }),
      status: 'ignored',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [out] = applyVex([c.f ?? log4j], parseVex(c.doc, 'test.vex.json'));
      assert.equal(out!.suppressed?.status, c.status);
    });
  }

  it('the artifact option scopes subcomponents to the scanned image', () => {
    const vex = parseVex(
      openvex([
        {
          vulnerability: { name: 'CVE-2021-44228' },
          products: [{ '@id': 'pkg:oci/app', subcomponents: [{ '@id': LOG4J }] }],
          status: 'fixed',
        },
      ]),
      'v.json',
    );
    assert.equal(
      applyVex([log4j], vex, { artifacts: ['pkg:oci/app@sha256%3Aabcd?tag=1'] })[0]!.suppressed?.status,
      'fixed',
    );
    assert.equal(applyVex([log4j], vex, { artifacts: ['pkg:oci/other'] })[0]!.suppressed, undefined);
  });

  it('the reason falls back to the status notes, then to the status', () => {
    const vex = parseVex(
      openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': LOG4J }], status: 'fixed' },
        {
          vulnerability: { name: 'CVE-1' },
          products: [{ '@id': LOG4J }],
          status: 'fixed',
          status_notes: 'patched in our build',
        },
      ]),
      'v.json',
    );
    assert.deepEqual(
      vex.statements.map((s) => s.reason),
      ['fixed', 'patched in our build'],
    );
  });

  it('products without a purl are skipped with a warning', () => {
    const vex = parseVex(
      openvex([
        {
          vulnerability: { name: 'CVE-1' },
          products: [{ '@id': 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*' }],
          status: 'fixed',
        },
      ]),
      'v.json',
    );
    assert.equal(vex.statements.length, 0);
    assert.equal(vex.warnings.length, 2);
    assert.match(vex.warnings[0]!, /^v\.json: statements\[0\]\.products\[0\]: no purl/);
  });

  it('statements of several files merge; the later file wins a tie', () => {
    const a = parseVex(
      openvex([{ vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': LOG4J }], status: 'fixed' }]),
      'a.json',
    );
    const b = parseVex(
      openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': LOG4J }], status: 'affected' },
      ]),
      'b.json',
    );
    assert.equal(applyVex([log4j], mergeVexStatements([a, b]))[0]!.suppressed, undefined);
    assert.equal(applyVex([log4j], mergeVexStatements([b, a]))[0]!.suppressed?.source, 'a.json');
  });
});

const cdx = (vulnerabilities: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    components: [
      { 'bom-ref': 'log4j', type: 'library', name: 'log4j-core', purl: `${LOG4J}@2.14.1` },
      {
        'bom-ref': 'app',
        type: 'application',
        name: 'app',
        components: [{ 'bom-ref': 'nested', name: 'n', purl: `${LOG4J}@2.14.1` }],
      },
      { 'bom-ref': 'nopurl', type: 'library', name: 'x' },
    ],
    vulnerabilities,
    ...extra,
  });
const vuln = (state: string | undefined, ref: string, extra: Record<string, unknown> = {}) => ({
  id: 'CVE-2021-44228',
  ...(state === undefined
    ? {}
    : { analysis: { state, justification: 'protected_at_runtime', detail: 'JNDI lookups disabled' } }),
  affects: [{ ref }],
  ...extra,
});

describe('VEX: CycloneDX semantics', () => {
  const cases: { name: string; doc: string; status?: string; warnings?: RegExp }[] = [
    { name: 'not_affected via a bom-ref', doc: cdx([vuln('not_affected', 'log4j')]), status: 'not_affected' },
    { name: 'a nested component bom-ref', doc: cdx([vuln('resolved', 'nested')]), status: 'resolved' },
    {
      name: 'false_positive suppresses',
      doc: cdx([vuln('false_positive', 'log4j')]),
      status: 'false_positive',
    },
    {
      name: 'resolved_with_pedigree suppresses',
      doc: cdx([vuln('resolved_with_pedigree', 'log4j')]),
      status: 'resolved_with_pedigree',
    },
    { name: 'exploitable does not suppress', doc: cdx([vuln('exploitable', 'log4j')]) },
    { name: 'in_triage does not suppress', doc: cdx([vuln('in_triage', 'log4j')]) },
    { name: 'a purl as ref', doc: cdx([vuln('not_affected', LOG4J)]), status: 'not_affected' },
    {
      name: 'a BOM-Link into this BOM',
      doc: cdx([vuln('not_affected', 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#log4j')]),
      status: 'not_affected',
    },
    {
      name: 'a BOM-Link into another BOM whose bom-ref is a purl',
      doc: cdx([
        vuln(
          'not_affected',
          `urn:cdx:00000000-0000-0000-0000-000000000000/3#${encodeURIComponent(`${LOG4J}@2.14.1`)}`,
        ),
      ]),
      status: 'not_affected',
    },
    {
      name: 'a BOM-Link into another BOM with an opaque bom-ref is skipped',
      doc: cdx([vuln('not_affected', 'urn:cdx:00000000-0000-0000-0000-000000000000/3#comp-1')]),
      warnings: /points into another BOM/,
    },
    {
      name: 'a component without a purl is skipped',
      doc: cdx([vuln('not_affected', 'nopurl')]),
      warnings: /component "nopurl" has no purl/,
    },
    {
      name: 'an unknown ref is skipped',
      doc: cdx([vuln('not_affected', 'ghost')]),
      warnings: /"ghost" is neither a bom-ref of this BOM nor a purl/,
    },
    {
      name: 'no analysis: not a statement',
      doc: cdx([vuln(undefined, 'log4j')]),
      warnings: /no vulnerability has an analysis\.state/,
    },
    {
      name: 'matched through references[].id',
      doc: cdx([
        vuln('not_affected', 'log4j', {
          id: 'SNYK-JAVA-1',
          references: [{ id: 'CVE-2021-44228', source: { name: 'NVD' } }],
        }),
      ]),
      status: 'not_affected',
    },
    {
      name: 'the newest analysis wins',
      doc: cdx([
        vuln('not_affected', 'log4j', {
          analysis: { state: 'not_affected', lastUpdated: '2024-05-01T00:00:00Z' },
        }),
        vuln('exploitable', 'log4j', {
          analysis: { state: 'exploitable', lastUpdated: '2024-01-01T00:00:00Z' },
        }),
      ]),
      status: 'not_affected',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const vex = parseVex(c.doc, 'bom.json');
      const [out] = applyVex([log4j], vex);
      assert.equal(out!.suppressed?.status, c.status);
      if (c.status)
        assert.equal(
          out!.suppressed?.reason.startsWith('protected_at_runtime: JNDI') ||
            out!.suppressed?.reason === c.status,
          true,
        );
      if (c.warnings) assert.match(vex.warnings.join('\n'), c.warnings);
      else assert.deepEqual(vex.warnings, []);
    });
  }
});

describe('VEX: bad documents are refused naming the file and the problem', () => {
  const cases: { name: string; text: string; message: RegExp }[] = [
    { name: 'not JSON', text: '{"statements": [', message: /^f\.json: not valid JSON/ },
    { name: 'a JSON array', text: '[]', message: /must be a JSON object/ },
    { name: 'neither format', text: '{"foo": 1}', message: /not a VEX document: neither an OpenVEX/ },
    { name: 'CSAF', text: '{"document": {"category": "csaf_vex"}}', message: /CSAF VEX is not supported/ },
    {
      name: 'OpenVEX without statements',
      text: openvex([]).replace('"statements":[]', '"statements":{}'),
      message: /without a "statements" list/,
    },
    {
      name: 'unknown OpenVEX status',
      text: openvex([
        { vulnerability: { name: 'CVE-1' }, products: [{ '@id': LOG4J }], status: 'mitigated' },
      ]),
      message: /^f\.json: statements\[0\]\.status: "mitigated" is not an OpenVEX status/,
    },
    {
      name: 'OpenVEX statement without a vulnerability',
      text: openvex([{ products: [{ '@id': LOG4J }], status: 'fixed' }]),
      message: /statements\[0\]\.vulnerability: must be an object/,
    },
    {
      name: 'OpenVEX vulnerability without name or @id',
      text: openvex([{ vulnerability: { description: 'x' }, products: [], status: 'fixed' }]),
      message: /has neither "name" nor "@id"/,
    },
    {
      name: 'bad timestamp',
      text: openvex([
        {
          vulnerability: { name: 'CVE-1' },
          products: [{ '@id': LOG4J }],
          status: 'fixed',
          timestamp: 'yesterday',
        },
      ]),
      message: /statements\[0\]\.timestamp: "yesterday" is not an RFC 3339 timestamp/,
    },
    {
      name: 'CycloneDX BOM without vulnerabilities (an SBOM)',
      text: '{"bomFormat": "CycloneDX", "specVersion": "1.6"}',
      message: /not a VEX document/,
    },
    {
      name: 'unknown CycloneDX state',
      text: cdx([vuln('fixed', 'log4j')]),
      message: /vulnerabilities\[0\]\.analysis\.state: "fixed" is not a CycloneDX analysis state/,
    },
    {
      name: 'CycloneDX entry without id',
      text: cdx([vuln('not_affected', 'log4j', { id: undefined })]),
      message: /vulnerabilities\[0\]\.id: is required/,
    },
    {
      name: 'CycloneDX affects without ref',
      text: cdx([vuln('not_affected', 'log4j', { affects: [{}] })]),
      message: /vulnerabilities\[0\]\.affects\[0\]: must be an object with a "ref"/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.throws(
        () => parseVex(c.text, 'f.json'),
        (e: unknown) => {
          assert.ok(e instanceof BulwarkError);
          assert.equal(e.code, ErrorCodes.VEX_INVALID);
          assert.equal(e.subject, 'f.json');
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }

  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-vex-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));
  it('loadVex names the file it read', async () => {
    const path = join(dir, 'bad.vex.json');
    await writeFile(path, '{');
    await assert.rejects(
      loadVex(path),
      (e: unknown) => e instanceof BulwarkError && e.message.startsWith(`${path}: not valid JSON`),
    );
    await assert.rejects(
      loadVex(join(dir, 'missing.json')),
      (e: unknown) => e instanceof BulwarkError && e.code === ErrorCodes.INPUT_NOT_FOUND,
    );
  });
});
