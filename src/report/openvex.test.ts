import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Suppression } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeOpenVex, type OpenVexDocument, type OpenVexStatement, toOpenVex } from './openvex.ts';
import { awkwardFindingsScan, cleanScan, findingsScan } from './testdata/finding-fixtures.ts';
import { allScans } from './testdata/scan-fixtures.ts';

const STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'];
const JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
];

/** The rules of the OpenVEX v0.2.0 specification a document must meet (it publishes no JSON schema). */
function assertOpenVex(doc: OpenVexDocument, label: string): void {
  assert.equal(doc['@context'], 'https://openvex.dev/ns/v0.2.0', label);
  assert.match(
    doc['@id'],
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    label,
  );
  assert.equal(doc.author, 'Bulwark');
  assert.ok(!Number.isNaN(Date.parse(doc.timestamp)), `${label}: timestamp`);
  assert.equal(doc.version, 1);
  for (const s of doc.statements) {
    const where = `${label}: ${s.vulnerability.name}`;
    assert.ok(s.vulnerability.name, where);
    assert.ok(STATUSES.includes(s.status), where);
    assert.ok(s.products.length > 0, `${where}: names a product`);
    for (const p of s.products) {
      assert.match(p['@id'], /^pkg:/, where);
      for (const c of p.subcomponents ?? []) assert.match(c['@id'], /^pkg:/, where);
    }
    if (s.status === 'not_affected') {
      assert.ok(s.justification || s.impact_statement, `${where}: not_affected says why`);
      if (s.justification) assert.ok(JUSTIFICATIONS.includes(s.justification), where);
    } else {
      assert.equal(s.justification, undefined, where);
    }
    if (s.status === 'affected') assert.ok(s.action_statement, `${where}: affected says what to do`);
  }
}

/** findingsScan() with the zlib finding's suppression replaced. */
function zlibSuppressedBy(suppressed: Suppression | undefined): ScanResult {
  const scan = findingsScan();
  const findings = scan.vulnerabilities!.findings.map((f): Finding => {
    if (f.id !== 'CVE-2023-45853') return f;
    const { suppressed: _old, ...rest } = f;
    return suppressed ? { ...rest, suppressed } : rest;
  });
  return { ...scan, vulnerabilities: { ...scan.vulnerabilities!, findings } };
}

const zlibStatement = (scan: ScanResult): OpenVexStatement =>
  toOpenVex(scan).statements.find((s) => s.vulnerability.name === 'CVE-2023-45853')!;

describe('encodeOpenVex', () => {
  for (const [name, scan] of Object.entries({
    ...allScans(),
    findings: findingsScan(),
    awkwardFindings: awkwardFindingsScan(),
    clean: cleanScan(),
  })) {
    it(`${name}: meets the OpenVEX v0.2.0 rules`, () => {
      const text = encodeOpenVex(scan);
      assert.ok(text.endsWith('}\n'));
      assertOpenVex(JSON.parse(text) as OpenVexDocument, name);
    });
  }

  it('makes one statement per finding, the image the product and the package its subcomponent', () => {
    const scan = findingsScan();
    const doc = toOpenVex(scan);
    assert.equal(doc.timestamp, scan.createdAt);
    assert.equal(doc.tooling, 'bulwark 0.1.0');
    assert.deepEqual(
      doc.statements.map((s) => [s.vulnerability.name, s.status]),
      [
        ['CVE-2021-44228', 'affected'],
        ['CVE-2021-45046', 'affected'],
        ['CVE-2023-45853', 'not_affected'],
        ['CVE-2010-4756', 'affected'],
        ['CVE-2024-21626', 'affected'],
      ],
    );
    assert.deepEqual(doc.statements[0], {
      vulnerability: {
        '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
        name: 'CVE-2021-44228',
        description: 'Remote code injection in Log4j',
        aliases: ['GHSA-jfh8-c2jp-5v3q'],
      },
      products: [
        {
          '@id':
            'pkg:oci/debian@sha256:1a071e9ffa6e1e4f7c09d0de20fc6560ae7ccb6ccdf4c3ca16013f7b5089c870?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=bookworm-ssl',
          subcomponents: [{ '@id': 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }],
        },
      ],
      status: 'affected',
      action_statement: 'Upgrade log4j-core to 2.15.0',
    });
    const glob = doc.statements.find((s) => s.vulnerability.name === 'CVE-2010-4756')!;
    assert.equal(glob.action_statement, 'No fix available');
  });

  it('says not_affected with the justification of the VEX statement that suppressed a finding', () => {
    assert.deepEqual(
      (({ vulnerability: _v, products: _p, ...rest }) => rest)(zlibStatement(findingsScan())),
      {
        status: 'not_affected',
        status_notes: 'From the VEX statement in .vex/zlib.openvex.json',
        justification: 'vulnerable_code_not_present',
      },
    );
    const vex = (status: string, reason: string): Suppression => ({
      kind: 'vex',
      status,
      reason,
      source: 'vex.cdx.json',
    });
    const fromCdx = zlibStatement(zlibSuppressedBy(vex('not_affected', 'code_not_reachable')));
    assert.equal(fromCdx.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(fromCdx.impact_statement, 'code_not_reachable');
    const freeText = zlibStatement(zlibSuppressedBy(vex('not_affected', 'minizip is not built')));
    assert.equal(freeText.justification, undefined);
    assert.equal(freeText.impact_statement, 'minizip is not built');
    assert.equal(zlibStatement(zlibSuppressedBy(vex('fixed', 'patched'))).status, 'fixed');

    // The VEX readers join justification and impact statement as `label: text`.
    const both = zlibStatement(
      zlibSuppressedBy(vex('not_affected', 'vulnerable_code_not_present: minizip not built')),
    );
    assert.equal(both.justification, 'vulnerable_code_not_present');
    assert.equal(both.impact_statement, 'minizip not built');
    // A statement without either: the reader falls back to the status itself.
    const bare = zlibStatement(zlibSuppressedBy(vex('not_affected', 'not_affected')));
    assert.equal(bare.justification, undefined);
    assert.equal(bare.impact_statement, 'Not affected according to vex.cdx.json');
    // CycloneDX analysis states.
    const falsePositive = zlibStatement(zlibSuppressedBy(vex('false_positive', 'false_positive')));
    assert.equal(falsePositive.status, 'not_affected');
    assert.equal(falsePositive.status_notes, 'From the VEX statement in vex.cdx.json (false_positive)');
    assert.ok(falsePositive.impact_statement);
    assert.equal(zlibStatement(zlibSuppressedBy(vex('resolved_with_pedigree', 'patched'))).status, 'fixed');
  });

  it('keeps ignored findings affected: an ignore rule is no VEX claim', () => {
    const ignored = zlibStatement(
      zlibSuppressedBy({
        kind: 'ignore',
        status: 'ignored',
        reason: 'accepted risk',
        source: '.bulwarkignore',
      }),
    );
    assert.equal(ignored.status, 'affected');
    assert.equal(ignored.action_statement, 'No fix available: the vendor will not fix it');
    assert.equal(ignored.status_notes, 'Ignored by .bulwarkignore: accepted risk');
  });

  it('names packages directly outside images, and leaves out those without a purl', () => {
    const doc = toOpenVex(awkwardFindingsScan());
    assert.deepEqual(
      doc.statements.map((s) => s.products),
      [
        [{ '@id': 'pkg:npm/openssl@1.0.0' }],
        [{ '@id': 'pkg:npm/\u001b[31mevil\u001b[0m@1.0.0' }],
        [{ '@id': 'pkg:deb/debian/openssl@3.0.19' }],
      ],
      'the finding on the package without purl has no statement',
    );
    assert.equal(doc.statements[0]!.vulnerability['@id'], undefined, 'no address for an unknown prefix');
  });

  it('derives a stable @id from the scan', () => {
    const scan = findingsScan();
    assert.equal(toOpenVex(scan)['@id'], toOpenVex(findingsScan())['@id']);
    assert.notEqual(toOpenVex(scan)['@id'], toOpenVex({ ...scan, createdAt: '2025-09-02T00:00:00Z' })['@id']);
    assert.deepEqual(toOpenVex(cleanScan()).statements, []);
  });
});
