import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { evaluateGate } from '../gate.ts';
import { parseGateReport } from './gate-report.ts';
import { parseGatePolicy } from './parse-gate-policy.ts';
import { configReport, MISCONFIGURATIONS } from './testdata/misconfigurations.ts';
import { FINDINGS, report } from './testdata/report.ts';

const PATH = 'report.json';

describe('parseGateReport', () => {
  it('reads a report as --format json writes it, keeping what the gate needs', () => {
    const r = parseGateReport(JSON.stringify(report()), PATH);
    assert.equal(r.packages.length, 10);
    assert.deepEqual(r.packages[3], {
      id: 'libc6',
      name: 'libc6',
      version: '2.36-9+deb12u7',
      purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64',
      licenses: ['GPL-2.0-or-later AND LGPL-2.1-or-later'],
    });
    assert.equal(r.vulnerabilities?.findings.length, FINDINGS.length);
    assert.deepEqual(r.vulnerabilities?.findings[0], {
      id: 'CVE-2021-44228',
      aliases: ['GHSA-jfh8-c2jp-5v3q'],
      severity: 'CRITICAL',
      fixState: 'fixed',
      fixedVersions: ['2.15.0'],
      package: {
        id: 'log4j',
        name: 'log4j-core',
        version: '2.14.1',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      },
      kev: { dateAdded: '2021-12-10' },
      epss: { score: 0.99999, percentile: 1 },
    });
    assert.equal(r.vulnerabilities?.findings[6]?.suppressed?.kind, 'vex');
    assert.equal(r.misconfigurations, undefined);
  });

  it('gives the same verdict as the in-memory report', () => {
    const policy = parseGatePolicy('rules:\n  - max-severity: MEDIUM\n  - epss-threshold: 0.1\n', PATH);
    assert.deepEqual(
      evaluateGate(policy, parseGateReport(JSON.stringify(report()), PATH)),
      evaluateGate(policy, report()),
    );
  });

  it('a report without vulnerabilities (an SBOM scan) has none', () => {
    assert.equal(parseGateReport(JSON.stringify(report(null)), PATH).vulnerabilities, undefined);
  });

  it('reads misconfigurations, keeping what the gate needs', () => {
    const r = parseGateReport(JSON.stringify({ ...report(), misconfigurations: MISCONFIGURATIONS }), PATH);
    assert.equal(r.misconfigurations?.length, MISCONFIGURATIONS.length);
    assert.deepEqual(r.misconfigurations?.[1], {
      ruleId: 'BW-K8S-001',
      severity: 'HIGH',
      message: 'container "shell" is privileged',
      resource: { kind: 'Pod', name: 'attacker', namespace: 'default' },
      location: {
        file: 'deploy/pod.yaml',
        startLine: 9,
        path: 'spec.containers[0].securityContext.privileged',
      },
    });
    assert.deepEqual(r.misconfigurations?.[3]?.location, { file: 'Dockerfile', startLine: 7, endLine: 9 });
    assert.deepEqual(r.misconfigurations?.[5]?.resource, { kind: 'Dockerfile', name: 'runtime' });
    assert.equal(r.misconfigurations?.[6]?.suppressed?.kind, 'ignore');
    const config = parseGateReport(JSON.stringify(configReport([])), PATH);
    assert.deepEqual(config, { packages: [], misconfigurations: [] }, 'a `bulwark config` report');
  });

  const withFinding = (patch: Record<string, unknown>) =>
    JSON.stringify({ ...report(), vulnerabilities: { findings: [{ ...FINDINGS[0], ...patch }] } });
  const withConfig = (patch: Record<string, unknown>) =>
    JSON.stringify({ ...report(), misconfigurations: [{ ...MISCONFIGURATIONS[1], ...patch }] });
  const invalid: { name: string; text: string; message: RegExp }[] = [
    { name: 'not JSON', text: 'PASS', message: /^report\.json: not JSON \(.*\); not a Bulwark JSON report/ },
    { name: 'an array', text: '[]', message: /not a Bulwark JSON report \(no "schemaVersion"/ },
    {
      name: 'a CycloneDX BOM',
      text: '{"bomFormat": "CycloneDX", "specVersion": "1.6"}',
      message:
        /a CycloneDX BOM, not a Bulwark JSON report; write one with `bulwark image\|fs\|rootfs\|repo\|config <target> --format json`/,
    },
    { name: 'an SPDX document', text: '{"spdxVersion": "SPDX-2.3"}', message: /an SPDX document/ },
    {
      name: 'another tool',
      text: '{"schemaVersion": 1, "tool": {"name": "trivy"}}',
      message: /not a Bulwark JSON report/,
    },
    {
      name: 'a newer schema',
      text: JSON.stringify({ ...report(), schemaVersion: 2 }),
      message: /report schemaVersion 2 is not supported \(this bulwark reads 1\)/,
    },
    {
      name: 'no packages',
      text: JSON.stringify({ ...report(), packages: undefined }),
      message: /^report\.json: packages: expected a list/,
    },
    {
      name: 'a package without a name',
      text: JSON.stringify({
        ...report(),
        packages: [{ id: 'x', version: '1', purl: 'pkg:npm/x@1', licenses: [] }],
      }),
      message: /packages\[0\]\.name: expected a string/,
    },
    {
      name: 'licences not strings',
      text: JSON.stringify({
        ...report(),
        packages: [{ id: 'x', name: 'x', version: '1', purl: 'pkg:npm/x@1', licenses: [1] }],
      }),
      message: /packages\[0\]\.licenses: expected a list of strings/,
    },
    {
      name: 'vulnerabilities without findings',
      text: JSON.stringify({ ...report(), vulnerabilities: {} }),
      message: /vulnerabilities: expected an object with "findings"/,
    },
    {
      name: 'unknown severity',
      text: withFinding({ severity: 'SEVERE' }),
      message: /vulnerabilities\.findings\[0\]\.severity: "SEVERE" is not a severity/,
    },
    {
      name: 'unknown fix state',
      text: withFinding({ fixState: 'maybe' }),
      message: /findings\[0\]\.fixState: "maybe" is not a fix state/,
    },
    { name: 'no id', text: withFinding({ id: 7 }), message: /findings\[0\]\.id: expected a string/ },
    {
      name: 'EPSS out of range',
      text: withFinding({ epss: { score: 12 } }),
      message: /findings\[0\]\.epss\.score: expected a number from 0 to 1/,
    },
    {
      name: 'KEV without a date',
      text: withFinding({ kev: true }),
      message: /findings\[0\]\.kev: expected an object/,
    },
    {
      name: 'package missing',
      text: withFinding({ package: 'log4j' }),
      message: /findings\[0\]\.package: expected an object/,
    },
    {
      name: 'bad suppression',
      text: withFinding({ suppressed: { kind: 'waiver' } }),
      message: /findings\[0\]\.suppressed: expected an object with "kind" vex or ignore/,
    },
    {
      name: 'misconfigurations not a list',
      text: JSON.stringify({ ...report(), misconfigurations: { findings: [] } }),
      message: /^report\.json: misconfigurations: expected a list/,
    },
    {
      name: 'misconfiguration not an object',
      text: JSON.stringify({ ...report(), misconfigurations: ['BW-K8S-001'] }),
      message: /misconfigurations\[0\]: expected an object/,
    },
    {
      name: 'a vulnerability severity on a misconfiguration',
      text: withConfig({ severity: 'NEGLIGIBLE' }),
      message: /misconfigurations\[0\]\.severity: "NEGLIGIBLE" is not a configuration severity/,
    },
    {
      name: 'misconfiguration without a rule id',
      text: withConfig({ ruleId: undefined }),
      message: /misconfigurations\[0\]\.ruleId: expected a string/,
    },
    {
      name: 'misconfiguration without a message',
      text: withConfig({ message: ['x'] }),
      message: /misconfigurations\[0\]\.message: expected a string/,
    },
    {
      name: 'resource missing',
      text: withConfig({ resource: 'Pod/default/attacker' }),
      message: /misconfigurations\[0\]\.resource: expected an object/,
    },
    {
      name: 'resource without a kind',
      text: withConfig({ resource: { name: 'attacker' } }),
      message: /misconfigurations\[0\]\.resource\.kind: expected a string/,
    },
    {
      name: 'namespace not a string',
      text: withConfig({ resource: { kind: 'Pod', namespace: 1 } }),
      message: /misconfigurations\[0\]\.resource\.namespace: expected a string/,
    },
    {
      name: 'location without a file',
      text: withConfig({ location: { startLine: 3 } }),
      message: /misconfigurations\[0\]\.location\.file: expected a string/,
    },
    {
      name: 'line 0',
      text: withConfig({ location: { file: 'pod.yaml', startLine: 0 } }),
      message: /misconfigurations\[0\]\.location\.startLine: expected a line number/,
    },
    {
      name: 'misconfiguration with a bad suppression',
      text: withConfig({ suppressed: { kind: 'annotation' } }),
      message: /misconfigurations\[0\]\.suppressed: expected an object with "kind" vex or ignore/,
    },
  ];
  for (const c of invalid) {
    it(`refuses: ${c.name}`, () => {
      assert.throws(
        () => parseGateReport(c.text, PATH),
        (e: unknown) => {
          assert.ok(e instanceof BulwarkError);
          assert.equal(e.code, ErrorCodes.REPORT_INVALID);
          assert.equal(e.subject, PATH);
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }
});
