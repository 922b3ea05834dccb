import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Log, Result } from 'sarif';
import type { Finding } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeSarif, toSarif } from './sarif.ts';
import { awkwardFindingsScan, cleanScan, findingsScan } from './testdata/finding-fixtures.ts';
import { sarifValidator } from './testdata/sarif-validator.ts';
import { allScans } from './testdata/scan-fixtures.ts';

const { validate, assertValid } = sarifValidator();

const resultFor = (log: Log, id: string): Result => log.runs[0]!.results!.find((r) => r.ruleId === id)!;

describe('encodeSarif', () => {
  it('the schema rejects what SARIF forbids (it is not vacuous)', () => {
    const log = toSarif(findingsScan());
    assertValid(log, 'fixture');
    const run = log.runs[0]!;
    const first = run.results![0]!;
    const withResult = (r: unknown) => ({ ...log, runs: [{ ...run, results: [r] }] });
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    assert.equal(validate(withResult({ ...first, level: 'critical' })), false);
    assert.equal(validate(withResult({ ...first, message: undefined })), false);
    assert.equal(validate(withResult({ ...first, suppressions: [{ kind: 'vex' }] })), false);
    assert.equal(validate({ ...log, runs: [{ ...run, tool: { driver: { version: '1' } } }] }), false);
  });

  const matched = { findings: findingsScan(), awkwardFindings: awkwardFindingsScan(), clean: cleanScan() };
  for (const [name, scan] of Object.entries({ ...allScans(), ...matched })) {
    it(`${name}: is valid SARIF 2.1.0`, () => {
      const text = encodeSarif(scan);
      assert.ok(text.endsWith('}\n'));
      assertValid(JSON.parse(text), name);
    });
  }

  it('describes the tool and has one rule per vulnerability id, most severe first', () => {
    const log = toSarif(findingsScan());
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]!.tool.driver;
    assert.deepEqual([driver.name, driver.version], ['bulwark', '0.1.0']);
    assert.ok(driver.informationUri);
    assert.deepEqual(
      driver.rules?.map((r) => r.id),
      ['CVE-2021-44228', 'CVE-2021-45046', 'CVE-2023-45853', 'CVE-2010-4756', 'CVE-2024-21626'],
    );
    const log4shell = driver.rules![0]!;
    assert.equal(log4shell.shortDescription?.text, 'Remote code injection in Log4j');
    assert.match(log4shell.fullDescription?.text ?? '', /^Log4j versions prior to 2\.16\.0/);
    assert.equal(log4shell.helpUri, 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228');
    assert.match(log4shell.help?.text ?? '', /log4j-core@2\.14\.1: fixed in 2\.15\.0/);
    assert.match(log4shell.help?.markdown ?? '', /\| log4j\\-core \| 2\\\.14\\\.1 \| 2\\\.15\\\.0 \|/);
    assert.deepEqual(log4shell.properties, {
      'security-severity': '10.0',
      precision: 'very-high',
      tags: ['vulnerability', 'security', 'CRITICAL', 'kev'],
    });
    assert.equal(log4shell.defaultConfiguration?.level, 'error');
  });

  it('scores rules by CVSS, else by severity band, else not at all', () => {
    const rules = new Map(toSarif(findingsScan()).runs[0]!.tool.driver.rules!.map((r) => [r.id, r]));
    const score = (id: string) => rules.get(id)?.properties?.['security-severity'];
    assert.equal(score('CVE-2023-45853'), '9.8');
    assert.equal(score('CVE-2010-4756'), '4.0', 'the CVSS score, not the vendor’s NEGLIGIBLE');
    assert.equal(score('CVE-2024-21626'), undefined, 'UNKNOWN without CVSS: no score');
    assert.equal(
      rules.get('CVE-2010-4756')?.shortDescription?.text.startsWith('The glob implementation'),
      true,
    );
    assert.equal(
      rules.get('CVE-2024-21626')?.helpUri,
      'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
    );

    const scan = findingsScan();
    const noCvss: ScanResult = {
      ...scan,
      vulnerabilities: {
        ...scan.vulnerabilities!,
        findings: scan.vulnerabilities!.findings.map((f): Finding => ({ ...f, cvss: [], references: [] })),
      },
    };
    const banded = new Map(toSarif(noCvss).runs[0]!.tool.driver.rules!.map((r) => [r.id, r]));
    assert.equal(banded.get('CVE-2021-44228')?.properties?.['security-severity'], '9.5');
    assert.equal(banded.get('CVE-2010-4756')?.properties?.['security-severity'], '0.1');
    assert.equal(banded.get('CVE-2021-44228')?.helpUri, 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228');

    const untitled: ScanResult = {
      ...scan,
      vulnerabilities: {
        ...scan.vulnerabilities!,
        findings: scan.vulnerabilities!.findings.map(
          ({ title: _t, ...f }): Finding => ({
            ...f,
            description: `# Summary\n\n${f.description ?? ''}`,
          }),
        ),
      },
    };
    const log4shell = toSarif(untitled).runs[0]!.tool.driver.rules!.find((r) => r.id === 'CVE-2021-44228')!;
    assert.match(
      log4shell.shortDescription?.text ?? '',
      /^Log4j versions prior to 2\.16\.0/,
      'not "# Summary"',
    );
  });

  it('writes one result per finding with level, message, locations and a stable fingerprint', () => {
    const log = toSarif(findingsScan());
    const results = log.runs[0]!.results!;
    assert.equal(results.length, 5);
    const rules = log.runs[0]!.tool.driver.rules!;
    for (const r of results) assert.equal(rules[r.ruleIndex!]!.id, r.ruleId);
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.level]),
      [
        ['CVE-2021-44228', 'error'],
        ['CVE-2021-45046', 'error'],
        ['CVE-2023-45853', 'error'],
        ['CVE-2010-4756', 'note'],
        ['CVE-2024-21626', 'note'],
      ],
    );
    const log4shell = resultFor(log, 'CVE-2021-44228');
    assert.equal(
      log4shell.message.text,
      'Package log4j-core@2.14.1 is affected by CVE-2021-44228 (CRITICAL); fixed in 2.15.0',
    );
    assert.deepEqual(log4shell.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'opt/app/lib/log4j-core-2.14.1.jar' },
          region: { startLine: 1 },
        },
        logicalLocations: [
          {
            name: 'log4j-core',
            fullyQualifiedName: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
            kind: 'module',
          },
        ],
      },
    ]);
    assert.equal(
      resultFor(log, 'CVE-2010-4756').message.text,
      'Package libc6@2.36-9+deb12u14 is affected by CVE-2010-4756 (NEGLIGIBLE); no fix available',
    );
    assert.equal(
      resultFor(log, 'CVE-2010-4756').locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      'var/lib/dpkg/status',
    );
    assert.equal(log4shell.suppressions, undefined);

    const fp = (l: Log) => l.runs[0]!.results!.map((r) => r.partialFingerprints?.['bulwarkVulnerability/v1']);
    assert.equal(new Set(fp(log)).size, 5, 'one fingerprint per finding');
    const scan = findingsScan();
    const upgraded: ScanResult = {
      ...scan,
      createdAt: '2025-10-01T00:00:00Z',
      vulnerabilities: {
        ...scan.vulnerabilities!,
        findings: scan.vulnerabilities!.findings.map((f) => ({
          ...f,
          package: { ...f.package, version: '9' },
        })),
      },
    };
    assert.deepEqual(fp(toSarif(upgraded)), fp(log), 'a new version or scan time keeps the fingerprint');
  });

  it('marks suppressed findings with an external suppression that says why', () => {
    const zlib = resultFor(toSarif(findingsScan()), 'CVE-2023-45853');
    assert.deepEqual(zlib.suppressions, [
      {
        kind: 'external',
        status: 'accepted',
        justification: 'VEX not_affected: vulnerable_code_not_present (.vex/zlib.openvex.json)',
      },
    ]);
    assert.match(zlib.message.text ?? '', /the vendor will not fix it$/);
  });

  it('reports the packages it could not compare as tool notifications, and no results without findings', () => {
    const run = toSarif(findingsScan()).runs[0]!;
    assert.deepEqual(
      run.invocations?.[0]?.toolExecutionNotifications?.map((n) => n.message.text),
      ['Not compared: golang:github.com/acme/agent@: the binary records no module version'],
    );
    const clean = toSarif(cleanScan()).runs[0]!;
    assert.deepEqual(clean.results, []);
    assert.deepEqual(clean.tool.driver.rules, []);
  });

  it('copes with packages without location or purl, odd text and ignore rules', () => {
    const log = toSarif(awkwardFindingsScan());
    const results = log.runs[0]!.results!;
    const noLocation = results.find((r) => r.ruleId === 'GHSA-aaaa-bbbb-cccc')!;
    assert.equal(
      noLocation.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      'my%20app/with%20spaces',
      'the target stands in for a missing location: GitHub needs a file',
    );
    assert.equal(noLocation.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName, 'empty-id');
    assert.equal(
      noLocation.message.text,
      'Package empty-id is affected by GHSA-aaaa-bbbb-cccc (LOW); no fix available',
    );
    const ignored = results.find((r) => r.suppressions)!;
    assert.equal(
      ignored.suppressions?.[0]?.justification,
      'ignore rule ignored: not reachable from the CLI (.bulwarkignore)',
    );
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id === 'NSWG-ECO-1')!;
    assert.equal(rule.helpUri, undefined, 'no usable reference and no known page');
    assert.match(
      rule.help?.markdown ?? '',
      /Title with \\\| pipes \\\*stars\\\*/,
      'Markdown in feed text is escaped',
    );
  });
});
