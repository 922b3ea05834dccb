import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeJson, JSON_SCHEMA_VERSION } from './json.ts';
import { configFindings, configScan } from './testdata/config-fixtures.ts';
import { awkwardFindingsScan, cleanScan, findingsScan, repoScan } from './testdata/finding-fixtures.ts';
import { allScans, awkwardScan, bookwormScan } from './testdata/scan-fixtures.ts';

const TOP_LEVEL = [
  'schemaVersion',
  'tool',
  'target',
  'image',
  'os',
  'packages',
  'relationships',
  'errors',
  'vulnerabilities',
  'misconfigurations',
  'createdAt',
];
const CONFIG_FINDING_KEYS = [
  'ruleId',
  'messageId',
  'severity',
  'title',
  'message',
  'remediation',
  'references',
  'resource',
  'location',
  'suppressed',
];
const FINDING_KEYS = [
  'id',
  'aliases',
  'package',
  'fixedVersions',
  'fixState',
  'severity',
  'severitySource',
  'cvss',
  'kev',
  'epss',
  'risk',
  'title',
  'description',
  'published',
  'references',
  'details',
  'suppressed',
];
const PACKAGE_KEYS = [
  'id',
  'name',
  'version',
  'type',
  'ecosystem',
  'purl',
  'arch',
  'source',
  'licenses',
  'maintainer',
  'locations',
  'files',
  'dependsOn',
  'foundBy',
  'metadata',
];

/** The scan as encodeJson must write it: packages and relationships in their documented order. */
function expected(scan: ScanResult): unknown {
  const by =
    (...keys: string[]) =>
    (a: object, b: object) => {
      for (const k of keys) {
        const x = String((a as Record<string, unknown>)[k]);
        const y = String((b as Record<string, unknown>)[k]);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
  return {
    schemaVersion: 1,
    ...scan,
    packages: [...scan.packages].sort(by('name', 'version', 'type', 'id')),
    relationships: [...scan.relationships].sort(by('from', 'to', 'type')),
  };
}

/** Every object key used anywhere in `value`. */
function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysIn(v, out);
    }
  }
  return out;
}

describe('encodeJson', () => {
  for (const [name, scan] of Object.entries(allScans())) {
    it(`${name}: round-trips to the scan result plus schemaVersion`, () => {
      const text = encodeJson(scan);
      assert.ok(text.endsWith('}\n'));
      assert.deepEqual(JSON.parse(text), expected(scan));
    });
  }

  it('writes keys in the documented order', () => {
    const doc = JSON.parse(encodeJson(bookwormScan())) as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(doc),
      TOP_LEVEL.filter((k) => k !== 'vulnerabilities' && k !== 'misconfigurations'),
      'absent when the scan was not matched',
    );
    assert.equal(doc.schemaVersion, JSON_SCHEMA_VERSION);
    for (const p of doc.packages as Record<string, unknown>[]) {
      const keys = Object.keys(p);
      assert.deepEqual(
        keys,
        PACKAGE_KEYS.filter((k) => keys.includes(k)),
      );
    }
    const noImage = JSON.parse(encodeJson(awkwardScan())) as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(noImage),
      TOP_LEVEL.filter(
        (k) => k !== 'image' && k !== 'os' && k !== 'vulnerabilities' && k !== 'misconfigurations',
      ),
    );
    const matched = JSON.parse(encodeJson(findingsScan())) as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(matched),
      TOP_LEVEL.filter((k) => k !== 'misconfigurations'),
    );
    const vulns = matched.vulnerabilities as { findings: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(vulns), ['findings', 'warnings', 'database']);
    for (const f of vulns.findings) {
      const keys = Object.keys(f);
      assert.deepEqual(
        keys,
        FINDING_KEYS.filter((k) => keys.includes(k)),
      );
      assert.deepEqual(Object.keys(f.package as object), [
        'id',
        'name',
        'version',
        'type',
        'ecosystem',
        'purl',
        'locations',
      ]);
    }
  });

  it('writes the vulnerabilities section: findings by severity and id, warnings, database by source', () => {
    const scan = findingsScan();
    const doc = JSON.parse(encodeJson(scan)) as {
      vulnerabilities: NonNullable<ScanResult['vulnerabilities']>;
    };
    const v = doc.vulnerabilities;
    assert.deepEqual(
      v.findings.map((f) => f.id),
      ['CVE-2021-44228', 'CVE-2021-45046', 'CVE-2023-45853', 'CVE-2010-4756', 'CVE-2024-21626'],
    );
    const byId = (id: string) => scan.vulnerabilities!.findings.find((f) => f.id === id);
    for (const f of v.findings) assert.deepEqual(f, byId(f.id), `${f.id} is written in full`);
    assert.deepEqual(v.warnings, scan.vulnerabilities!.warnings);
    assert.deepEqual(
      v.database.map((d) => d.source),
      ['debian-tracker', 'osv-ghsa-subset', 'osv-go'],
    );
    const clean = JSON.parse(encodeJson(cleanScan())) as Record<string, unknown>;
    assert.deepEqual(clean.vulnerabilities, { findings: [], warnings: [], database: [] });
    assert.equal(
      encodeJson({
        ...scan,
        vulnerabilities: {
          ...scan.vulnerabilities!,
          findings: [...scan.vulnerabilities!.findings].reverse(),
        },
      }),
      encodeJson(scan),
    );
  });

  it('writes misconfigurations after vulnerabilities, every field, keys in the documented order', () => {
    const repo = JSON.parse(encodeJson(repoScan())) as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(repo),
      TOP_LEVEL.filter((k) => k !== 'image'),
    );
    const config = JSON.parse(encodeJson(configScan())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(config), [
      'schemaVersion',
      'tool',
      'target',
      'packages',
      'relationships',
      'errors',
      'misconfigurations',
      'createdAt',
    ]);
    assert.deepEqual(config.target, { kind: 'config', name: 'deploy' });
    const findings = repo.misconfigurations as Record<string, Record<string, unknown>>[];
    for (const f of findings) {
      const keys = Object.keys(f);
      assert.deepEqual(
        keys,
        CONFIG_FINDING_KEYS.filter((k) => keys.includes(k)),
      );
      const resourceKeys = Object.keys(f.resource!);
      assert.deepEqual(
        resourceKeys,
        ['kind', 'name', 'namespace', 'apiVersion'].filter((k) => resourceKeys.includes(k)),
      );
      const locationKeys = Object.keys(f.location!);
      assert.deepEqual(
        locationKeys,
        ['file', 'startLine', 'endLine', 'path'].filter((k) => locationKeys.includes(k)),
      );
    }
    assert.deepEqual(Object.keys(findings[0]!.resource!), ['kind', 'name', 'namespace', 'apiVersion']);
    assert.deepEqual(Object.keys(findings[0]!.location!), ['file', 'startLine', 'endLine', 'path']);
    assert.deepEqual(Object.keys(findings[4]!.suppressed!), ['kind', 'status', 'reason', 'source']);
  });

  it('sorts misconfigurations by severity, file, line and rule id, and writes them in full', () => {
    const doc = JSON.parse(encodeJson(repoScan())) as { misconfigurations: unknown[] };
    assert.deepEqual(doc.misconfigurations, configFindings(), 'the fixture lists them in report order');
    const scan = configScan();
    const shuffled: ScanResult = {
      ...scan,
      misconfigurations: [...scan.misconfigurations!]
        .reverse()
        .map((f) => Object.fromEntries(Object.entries(f).reverse()) as typeof f),
    };
    assert.equal(encodeJson(shuffled), encodeJson(scan));
    const none = JSON.parse(encodeJson({ ...scan, misconfigurations: [] })) as Record<string, unknown>;
    assert.deepEqual(none.misconfigurations, [], 'checks ran, nothing failed: an empty list');
  });

  it('a result without misconfigurations encodes exactly as before they existed', () => {
    const scan = findingsScan();
    const text = encodeJson(scan);
    assert.doesNotMatch(text, /misconfigurations/);
    assert.equal(encodeJson({ ...scan, misconfigurations: undefined } as unknown as ScanResult), text);
  });

  it('does not depend on the order or key order of its input', () => {
    const scan = bookwormScan();
    const shuffled: ScanResult = {
      ...scan,
      packages: [...scan.packages]
        .reverse()
        .map((p) => Object.fromEntries(Object.entries(p).reverse()) as typeof p),
      relationships: [...scan.relationships].reverse(),
      image: {
        ...scan.image!,
        config: { Labels: scan.image!.config.Labels, Env: scan.image!.config.Env, Cmd: ['bash'] },
      },
    };
    assert.equal(encodeJson(shuffled), encodeJson(scan));
  });

  it('leaves out undefined fields instead of writing null', () => {
    const scan = awkwardScan();
    const withUndefined = {
      ...scan,
      os: undefined,
      packages: scan.packages.map((p) => ({ ...p, arch: undefined })),
    };
    const text = encodeJson(withUndefined as unknown as ScanResult);
    assert.doesNotMatch(text, /null|"arch"|"os"/);
  });

  it('documents every field it writes in docs/json-format.md', () => {
    const docs = readFileSync(new URL('../../docs/json-format.md', import.meta.url), 'utf8');
    const open = new Set(['Cmd', 'Env', 'Labels', 'org.opencontainers.image.source']); // image.config content
    const undocumented = [
      ...keysIn(JSON.parse(encodeJson(bookwormScan()))),
      ...keysIn(JSON.parse(encodeJson(awkwardScan()))),
      ...keysIn(JSON.parse(encodeJson(findingsScan()))),
      ...keysIn(JSON.parse(encodeJson(awkwardFindingsScan()))),
      ...keysIn(JSON.parse(encodeJson(repoScan()))),
      ...keysIn(JSON.parse(encodeJson(configScan()))),
    ].filter((k) => !open.has(k) && !docs.includes(`\`${k}\``));
    assert.deepEqual([...new Set(undocumented)], []);
  });
});
