import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Log, Result } from 'sarif';
import type { ScanResult } from '../core/scan-result.ts';
import { toSarif } from './sarif.ts';
import { configFindings, configScan } from './testdata/config-fixtures.ts';
import { repoScan } from './testdata/finding-fixtures.ts';
import { sarifValidator } from './testdata/sarif-validator.ts';

const { assertValid } = sarifValidator();

const CONFIG_RULES = [
  'BW-K8S-014',
  'BW-DF-001',
  'BW-K8S-001',
  'BW-DF-003',
  'BW-K8S-020',
  'BW-K8S-041',
  'BW-K8S-032',
];
const VULN_RULES = ['CVE-2021-44228', 'CVE-2021-45046', 'CVE-2023-45853', 'CVE-2010-4756', 'CVE-2024-21626'];

const resultFor = (log: Log, id: string): Result => log.runs[0]!.results!.find((r) => r.ruleId === id)!;
const ruleFor = (log: Log, id: string) => log.runs[0]!.tool.driver.rules!.find((r) => r.id === id)!;

describe('encodeSarif: configuration findings', () => {
  it('is valid SARIF 2.1.0 for a config scan, a repository scan and odd locations', () => {
    assertValid(toSarif(configScan()), 'config');
    assertValid(toSarif(repoScan()), 'repo');
    const odd: ScanResult = {
      ...configScan(),
      misconfigurations: configFindings().map((f, i) => ({
        ...f,
        location: { file: i % 2 ? '<admission>' : 'dir with space/ünï.yaml', startLine: 3, endLine: 1 },
        resource: { kind: 'ClusterRoleBinding' },
      })),
    };
    assertValid(toSarif(odd), 'odd');
    const first = toSarif(odd).runs[0]!.results![0]!;
    assert.equal(
      first.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      'dir%20with%20space/%C3%BCn%C3%AF.yaml',
    );
    assert.deepEqual(
      first.locations?.[0]?.physicalLocation?.region,
      { startLine: 3, endLine: 3 },
      'end never before start',
    );
    assert.deepEqual(first.locations?.[0]?.logicalLocations, [
      { name: 'ClusterRoleBinding', fullyQualifiedName: 'ClusterRoleBinding', kind: 'object' },
    ]);
    assert.equal(
      toSarif(odd).runs[0]!.results![1]!.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      '%3Cadmission%3E',
    );
  });

  it('adds one rule per configuration rule id after the vulnerability rules, most severe first', () => {
    const log = toSarif(repoScan());
    const run = log.runs[0]!;
    assert.deepEqual(
      run.tool.driver.rules!.map((r) => r.id),
      [...VULN_RULES, ...CONFIG_RULES],
    );
    for (const r of run.results!) assert.equal(run.tool.driver.rules![r.ruleIndex!]!.id, r.ruleId);
    assert.deepEqual(
      run.results!.map((r) => r.ruleId),
      [...VULN_RULES, ...CONFIG_RULES],
      'configuration results in report order, after the vulnerabilities',
    );
    const configOnly = toSarif(configScan()).runs[0]!;
    assert.deepEqual(
      configOnly.tool.driver.rules!.map((r) => r.id),
      CONFIG_RULES,
    );
    assert.equal(configOnly.results![0]!.ruleIndex, 0);
    assert.deepEqual(configOnly.properties?.target, { kind: 'config', name: 'deploy' });
  });

  it('describes each rule: title, remediation and references as help, a severity band and tags', () => {
    const log = toSarif(configScan());
    const hostPath = ruleFor(log, 'BW-K8S-014');
    assert.deepEqual(hostPath, {
      id: 'BW-K8S-014',
      shortDescription: { text: 'Sensitive host path mounted' },
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      help: {
        text: [
          'BW-K8S-014: Sensitive host path mounted',
          'Severity: CRITICAL',
          'Remediation: Do not mount host paths; use a PersistentVolumeClaim, a ConfigMap or an emptyDir.',
          'Same check elsewhere: KSV023, C-0048',
          'References:',
          '- https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        ].join('\n'),
        markdown: [
          '**BW\\-K8S\\-014**: Sensitive host path mounted',
          '',
          'Severity: CRITICAL',
          '',
          '**Remediation**: Do not mount host paths; use a PersistentVolumeClaim, a ConfigMap or an emptyDir\\.',
          '',
          'Same check elsewhere: KSV023, C\\-0048',
          '',
          '**References**',
          '',
          '- <https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline>',
        ].join('\n'),
      },
      defaultConfiguration: { level: 'error' },
      properties: {
        'security-severity': '9.5',
        precision: 'very-high',
        tags: ['misconfiguration', 'security'],
      },
    });
    const band = (id: string) => [
      ruleFor(log, id).defaultConfiguration?.level,
      ruleFor(log, id).properties?.['security-severity'],
    ];
    assert.deepEqual(band('BW-K8S-001'), ['error', '8.0']);
    assert.deepEqual(band('BW-DF-003'), ['warning', '5.5']);
    assert.deepEqual(band('BW-K8S-041'), ['note', '3.0']);
    assert.deepEqual(band('BW-K8S-032'), ['note', undefined], 'INFO is advice: a note without a score');
    assert.equal(ruleFor(log, 'BW-K8S-041').helpUri, undefined, 'no references, no helpUri');
    assert.equal(ruleFor(log, 'BW-K8S-041').help?.text.includes('References'), false);
  });

  it('writes one result per finding: file and lines, the resource, the JSON path', () => {
    const log = toSarif(configScan());
    const hostPath = resultFor(log, 'BW-K8S-014');
    assert.equal(hostPath.level, 'error');
    assert.equal(hostPath.message.text, 'Pod/default/attacker: hostPath volume "host" mounts the host\'s /');
    assert.deepEqual(hostPath.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'deploy/pod.yaml' },
          region: { startLine: 12, endLine: 14 },
        },
        logicalLocations: [{ name: 'attacker', fullyQualifiedName: 'Pod/default/attacker', kind: 'object' }],
      },
    ]);
    assert.deepEqual(hostPath.properties, {
      severity: 'CRITICAL',
      messageId: 'hostPathRoot',
      resource: { kind: 'Pod', name: 'attacker', namespace: 'default', apiVersion: 'v1' },
      path: 'spec.volumes[0].hostPath.path',
    });
    assert.equal(hostPath.suppressions, undefined);

    const noUser = resultFor(log, 'BW-DF-001');
    assert.deepEqual(
      noUser.locations?.[0]?.physicalLocation?.region,
      { startLine: 1, endLine: 1 },
      'whole file: line 1',
    );
    assert.equal(noUser.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName, 'Dockerfile/runtime');
    assert.equal(noUser.properties?.path, undefined);
    assert.deepEqual(resultFor(log, 'BW-DF-003').locations?.[0]?.physicalLocation?.region, {
      startLine: 7,
      endLine: 9,
    });
    assert.equal(resultFor(log, 'BW-DF-003').level, 'warning');
    assert.equal(resultFor(log, 'BW-K8S-032').level, 'note');
  });

  it('marks suppressed findings with an external suppression that says why', () => {
    const limits = resultFor(toSarif(configScan()), 'BW-K8S-020');
    assert.deepEqual(limits.suppressions, [
      {
        kind: 'external',
        status: 'accepted',
        justification: 'ignore rule ignored: short-lived debug pod (bulwark.dev/ignore annotation)',
      },
    ]);
  });

  it('fingerprints stay while a finding moves to another line, and differ between findings', () => {
    const fp = (scan: ScanResult) =>
      toSarif(scan).runs[0]!.results!.map((r) => r.partialFingerprints?.['bulwarkMisconfiguration/v1']);
    const before = fp(configScan());
    assert.equal(new Set(before).size, CONFIG_RULES.length);
    const moved: ScanResult = {
      ...configScan(),
      misconfigurations: configFindings().map((f) => ({
        ...f,
        location: { ...f.location, startLine: (f.location.startLine ?? 0) + 5 },
      })),
    };
    assert.deepEqual(fp(moved), before);
  });
});
