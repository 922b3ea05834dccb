import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { formatGateResult } from './gate/format-gate-result.ts';
import { parseGatePolicy } from './gate/parse-gate-policy.ts';
import { FINDINGS, PACKAGES, report } from './gate/testdata/report.ts';
import { evaluateGate } from './gate.ts';

const POLICY = 'policy.yaml';

/** The example from docs/gate-policy.md. */
const EXAMPLE = `
description: release gate for production images
rules:
  - name: no-critical
    max-severity: HIGH
    fixable-only: true
  - kev: deny
  - epss-threshold: 0.5
  - fix-available: [CRITICAL, HIGH]
  - licenses: { deny: [GPL-3.0-only, AGPL-3.0-or-later, 'AGPL-*'] }
  - max-findings: { severity: MEDIUM, count: 10 }
`;

describe('parseGatePolicy', () => {
  it('reads the documented example', () => {
    const policy = parseGatePolicy(EXAMPLE, POLICY);
    assert.equal(policy.source, POLICY);
    assert.equal(policy.description, 'release gate for production images');
    assert.deepEqual(
      policy.rules.map((r) => [r.index, r.name, r.kind, r.settings]),
      [
        [0, 'no-critical', 'max-severity', { severity: 'HIGH', fixableOnly: true }],
        [1, 'kev', 'kev', { kev: 'deny', fixableOnly: false }],
        [2, 'epss-threshold', 'epss-threshold', { threshold: 0.5, fixableOnly: false }],
        [3, 'fix-available', 'fix-available', { severities: ['CRITICAL', 'HIGH'] }],
        [4, 'licenses', 'licenses', { deny: ['GPL-3.0-only', 'AGPL-3.0-or-later', 'AGPL-*'] }],
        [5, 'max-findings', 'max-findings', { severity: 'MEDIUM', count: 10, fixableOnly: false }],
      ],
    );
  });

  it('severity names are case-insensitive; fix-available takes a single name too', () => {
    const policy = parseGatePolicy('rules:\n  - max-severity: high\n  - fix-available: critical\n', POLICY);
    assert.deepEqual(
      policy.rules.map((r) => r.settings),
      [{ severity: 'HIGH', fixableOnly: false }, { severities: ['CRITICAL'] }],
    );
  });

  const invalid: { name: string; yaml: string; message: RegExp }[] = [
    { name: 'not YAML', yaml: 'rules: [\n', message: /^policy\.yaml: not valid YAML/ },
    {
      name: 'alias bomb',
      yaml:
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nrules: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
      message: /too many YAML aliases/,
    },
    { name: 'empty file', yaml: '', message: /a policy is a mapping with a "rules" list/ },
    {
      name: 'a list at the top',
      yaml: '- kev: deny\n',
      message: /a policy is a mapping with a "rules" list/,
    },
    { name: 'no rules', yaml: 'rules: []\n', message: /"rules" must be a non-empty list/ },
    {
      name: 'unknown top-level key',
      yaml: 'rules:\n  - kev: deny\nversion: 1\n',
      message: /unknown top-level key "version"/,
    },
    {
      name: 'rule is a string',
      yaml: 'rules:\n  - kev\n',
      message: /^policy\.yaml: rules\[0\]: a rule must be a mapping/,
    },
    {
      name: 'unknown rule kind',
      yaml: 'rules:\n  - kev: deny\n  - name: typo\n    max-severty: HIGH\n',
      message:
        /^policy\.yaml: rules\[1\] \(typo\): unknown rule kind "max-severty" \(expected one of max-severity, kev, epss-threshold, fix-available, licenses, max-findings, max-config-severity, deny-rules, max-misconfigurations\)/,
    },
    { name: 'only a name', yaml: 'rules:\n  - name: x\n', message: /rules\[0\] \(x\): no rule kind/ },
    {
      name: 'two kinds in one entry',
      yaml: 'rules:\n  - kev: deny\n    epss-threshold: 0.5\n',
      message: /more than one rule kind \(kev, epss-threshold\)/,
    },
    {
      name: 'empty name',
      yaml: "rules:\n  - name: ''\n    kev: deny\n",
      message: /rules\[0\]: "name" must be a non-empty string/,
    },
    {
      name: 'unknown option',
      yaml: 'rules:\n  - max-severity: HIGH\n    fixable: true\n',
      message: /"fixable" is not an option of max-severity \(options: fixable-only\)/,
    },
    {
      name: 'option of a kind without options',
      yaml: 'rules:\n  - fix-available: [HIGH]\n    fixable-only: true\n',
      message: /not an option of fix-available \(it has none\)/,
    },
    {
      name: 'fixable-only not a boolean',
      yaml: 'rules:\n  - kev: deny\n    fixable-only: yes\n',
      message: /rules\[0\]: kev: "fixable-only" must be true or false, not "yes"/,
    },
    {
      name: 'bad severity',
      yaml: 'rules:\n  - max-severity: SEVERE\n',
      message: /rules\[0\]: max-severity: "SEVERE" is not a severity/,
    },
    {
      name: 'severity missing',
      yaml: 'rules:\n  - max-severity:\n',
      message: /max-severity: null is not a severity/,
    },
    { name: 'kev: allow', yaml: 'rules:\n  - kev: allow\n', message: /kev: expected "deny", not "allow"/ },
    {
      name: 'epss above 1',
      yaml: 'rules:\n  - epss-threshold: 50\n',
      message: /epss-threshold: expected a probability from 0 to 1/,
    },
    {
      name: 'epss as a string',
      yaml: "rules:\n  - epss-threshold: '0.5'\n",
      message: /epss-threshold: expected a probability/,
    },
    {
      name: 'fix-available empty',
      yaml: 'rules:\n  - fix-available: []\n',
      message: /fix-available: expected a non-empty list/,
    },
    {
      name: 'fix-available bad name',
      yaml: 'rules:\n  - fix-available: [HIGH, URGENT]\n',
      message: /fix-available: "URGENT" is not a severity/,
    },
    {
      name: 'licenses empty',
      yaml: 'rules:\n  - licenses: {}\n',
      message: /licenses: give a non-empty "deny" list/,
    },
    {
      name: 'licenses deny a string',
      yaml: 'rules:\n  - licenses: { deny: GPL-3.0-only }\n',
      message: /"deny" must be a list/,
    },
    {
      name: 'licenses unknown field',
      yaml: 'rules:\n  - licenses: { forbid: [MIT] }\n',
      message: /licenses: unknown field "forbid"/,
    },
    {
      name: 'licenses not a mapping',
      yaml: 'rules:\n  - licenses: [MIT]\n',
      message: /licenses: expected a mapping/,
    },
    {
      name: 'max-findings negative',
      yaml: 'rules:\n  - max-findings: { count: -1 }\n',
      message: /"count" must be a whole number/,
    },
    {
      name: 'max-findings fraction',
      yaml: 'rules:\n  - max-findings: { count: 1.5 }\n',
      message: /"count" must be a whole number/,
    },
    {
      name: 'max-findings no count',
      yaml: 'rules:\n  - max-findings: { severity: HIGH }\n',
      message: /"count" must be a whole number of 0 or more, not undefined/,
    },
    {
      name: 'max-findings bad severity',
      yaml: 'rules:\n  - max-findings: { severity: big, count: 1 }\n',
      message: /max-findings: "severity": "big" is not a severity/,
    },
    {
      name: 'max-findings unknown field',
      yaml: 'rules:\n  - max-findings: { count: 1, max: 2 }\n',
      message: /unknown field "max"/,
    },
  ];
  for (const c of invalid) {
    it(`refuses: ${c.name}`, () => {
      assert.throws(
        () => parseGatePolicy(c.yaml, POLICY),
        (e: unknown) => {
          assert.ok(e instanceof BulwarkError);
          assert.equal(e.code, ErrorCodes.POLICY_INVALID);
          assert.equal(e.subject, POLICY);
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }
});

/** Evaluates a one-rule policy; returns undefined on pass, else the failure's message and items. */
function run(rule: string, findings: Finding[] | undefined) {
  const result = evaluateGate(parseGatePolicy(`rules:\n  - ${rule}\n`, POLICY), report(findings ?? null));
  assert.equal(result.passed, result.failures.length === 0);
  const f = result.failures[0];
  return f && { message: f.message, items: f.items };
}

const L4J_44228 = 'CVE-2021-44228 in log4j-core 2.14.1';
const L4J_45046 = 'CVE-2021-45046 in log4j-core 2.14.1';
const RUNC = 'CVE-2024-21626 in github.com/opencontainers/runc v1.1.11';
const CURL_545 = 'CVE-2023-38545 in curl 7.81.0-1ubuntu1.13';
const CURL_546 = 'CVE-2023-38546 in curl 7.81.0-1ubuntu1.13';
const LIBC = 'CVE-2016-20013 in libc6 2.36-9+deb12u7';
const unfixed = (f: Finding): Finding => ({ ...f, fixState: 'not-fixed', fixedVersions: [] });

describe('gate rules', () => {
  const cases: {
    rule: string;
    findings?: Finding[] | undefined;
    want?: { message: string; items: string[] };
  }[] = [
    // max-severity
    {
      rule: 'max-severity: HIGH',
      want: {
        message: '2 findings above HIGH',
        items: [`${L4J_44228} (CRITICAL, KEV)`, `${L4J_45046} (CRITICAL, KEV)`],
      },
    },
    { rule: 'max-severity: CRITICAL' },
    {
      rule: 'max-severity: LOW',
      want: {
        message: '4 findings above LOW',
        items: [
          `${L4J_44228} (CRITICAL, KEV)`,
          `${L4J_45046} (CRITICAL, KEV)`,
          `${CURL_545} (HIGH)`,
          `${RUNC} (HIGH)`,
        ],
      },
    },
    { rule: 'max-severity: HIGH\n    fixable-only: true', findings: FINDINGS.map(unfixed) },
    {
      rule: 'max-severity: HIGH\n    fixable-only: true',
      findings: [unfixed(FINDINGS[0]!), FINDINGS[1]!],
      want: { message: '1 finding above HIGH with a fix available', items: [`${L4J_45046} (CRITICAL, KEV)`] },
    },
    {
      rule: 'max-severity: UNKNOWN',
      findings: [{ ...FINDINGS[5]!, severity: 'UNKNOWN' }],
    },
    {
      rule: 'max-severity: UNKNOWN',
      findings: [FINDINGS[5]!],
      want: { message: '1 finding above UNKNOWN', items: [`${LIBC} (NEGLIGIBLE)`] },
    },
    { rule: 'max-severity: HIGH', findings: [] },
    // kev
    {
      rule: 'kev: deny',
      want: {
        message: '2 findings in the CISA KEV catalog (known exploited)',
        items: [`${L4J_44228} (CRITICAL, KEV)`, `${L4J_45046} (CRITICAL, KEV)`],
      },
    },
    { rule: 'kev: deny', findings: FINDINGS.slice(2) },
    { rule: 'kev: deny\n    fixable-only: true', findings: FINDINGS.map(unfixed) },
    // epss-threshold
    {
      rule: 'epss-threshold: 0.5',
      want: {
        message: '3 findings with an EPSS score of 0.5 or more',
        items: [
          `${L4J_44228} (CRITICAL, KEV, EPSS 0.99999)`,
          `${L4J_45046} (CRITICAL, KEV, EPSS 0.99977)`,
          `${CURL_545} (HIGH, EPSS 0.78483)`,
        ],
      },
    },
    {
      rule: 'epss-threshold: 0.18087',
      findings: [FINDINGS[2]!],
      want: {
        message: '1 finding with an EPSS score of 0.18087 or more',
        items: [`${RUNC} (HIGH, EPSS 0.18087)`],
      },
    },
    { rule: 'epss-threshold: 0.18088', findings: [FINDINGS[2]!] },
    { rule: 'epss-threshold: 0', findings: [FINDINGS[4]!] }, // no score: not counted
    // fix-available
    {
      rule: 'fix-available: [CRITICAL, HIGH]',
      want: {
        message: '4 findings of severity CRITICAL/HIGH with a fix available',
        items: [
          `${L4J_44228} (CRITICAL, KEV, fixed in 2.15.0)`,
          `${L4J_45046} (CRITICAL, KEV, fixed in 2.12.2, 2.16.0)`,
          `${CURL_545} (HIGH, fixed in 7.81.0-1ubuntu1.14)`,
          `${RUNC} (HIGH, fixed in 1.1.12)`,
        ],
      },
    },
    {
      rule: 'fix-available: [LOW, NEGLIGIBLE]',
      want: {
        message: '1 finding of severity LOW/NEGLIGIBLE with a fix available',
        items: [`${CURL_546} (LOW, fixed in 7.81.0-1ubuntu1.14)`],
      },
    },
    { rule: 'fix-available: [CRITICAL, HIGH]', findings: FINDINGS.map(unfixed) },
    {
      rule: 'fix-available: HIGH',
      findings: [{ ...FINDINGS[2]!, fixedVersions: ['1.1.12', '1.2.0', '1.3.0', '1.4.0', '1.5.0'] }],
      want: {
        message: '1 finding of severity HIGH with a fix available',
        items: [`${RUNC} (HIGH, fixed in 1.1.12, 1.2.0, 1.3.0 and 2 more)`],
      },
    },
    // licenses
    {
      rule: "licenses: { deny: [GPL-3.0-only, GPL-3.0-or-later, 'AGPL-*'] }",
      want: {
        message: '2 packages with a denied licence',
        items: ['ghostscript 10.0.0: AGPL-3.0-or-later', 'libreadline8 8.2-1.3: GPL-3.0-or-later'],
      },
    },
    {
      rule: "licenses: { deny: ['GPL-2.0*'] }",
      want: {
        message: '2 packages with a denied licence',
        items: [
          'libc6 2.36-9+deb12u7: GPL-2.0-or-later AND LGPL-2.1-or-later',
          'mysql-connector-j 8.0.33: GPL-2.0-only WITH Universal-FOSS-exception-1.0',
        ],
      },
    },
    {
      rule: "licenses: { deny: ['*GPL*'], allow: ['GPL-2.0-only WITH Universal-FOSS-exception-1.0', MIT, Apache-2.0, curl] }",
      want: {
        message: '3 packages with a denied licence',
        items: [
          'ghostscript 10.0.0: AGPL-3.0-or-later',
          'libc6 2.36-9+deb12u7: GPL-2.0-or-later AND LGPL-2.1-or-later',
          'libreadline8 8.2-1.3: GPL-3.0-or-later',
        ],
      },
    },
    { rule: "licenses: { allow: [MIT, Apache-2.0, curl, '*GPL*'] }" },
    // licence rules do not need vulnerability results
    { rule: 'licenses: { deny: [BSD-4-Clause] }', findings: undefined },
    // max-findings
    { rule: 'max-findings: { severity: MEDIUM, count: 10 }' },
    {
      rule: 'max-findings: { severity: HIGH, count: 3 }',
      want: {
        message: '4 findings at HIGH or above; at most 3 allowed',
        items: [
          `${L4J_44228} (CRITICAL, KEV)`,
          `${L4J_45046} (CRITICAL, KEV)`,
          `${CURL_545} (HIGH)`,
          `${RUNC} (HIGH)`,
        ],
      },
    },
    { rule: 'max-findings: { severity: HIGH, count: 4 }' },
    {
      rule: 'max-findings: { count: 5 }',
      want: {
        message: '6 findings; at most 5 allowed',
        items: [
          `${L4J_44228} (CRITICAL, KEV)`,
          `${L4J_45046} (CRITICAL, KEV)`,
          `${CURL_545} (HIGH)`,
          `${RUNC} (HIGH)`,
          `${CURL_546} (LOW)`,
          `${LIBC} (NEGLIGIBLE)`,
        ],
      },
    },
    {
      rule: 'max-findings: { severity: LOW, count: 0 }\n    fixable-only: true',
      findings: [FINDINGS[4]!, FINDINGS[5]!],
      want: {
        message: '1 finding at LOW or above with a fix available; at most 0 allowed',
        items: [`${CURL_546} (LOW)`],
      },
    },
  ];
  for (const c of cases) {
    const label = `${c.rule.replace(/\n\s+/g, ', ')}${'findings' in c ? ` (${c.findings === undefined ? 'no vulnerability results' : `${c.findings.length} findings`})` : ''}`;
    it(`${label}: ${c.want ? 'fails' : 'passes'}`, () => {
      assert.deepEqual(run(c.rule, 'findings' in c ? c.findings : FINDINGS), c.want);
    });
  }

  it('the same CVE in one package at two locations is listed once', () => {
    const twice = [FINDINGS[0]!, { ...FINDINGS[0]!, package: { ...FINDINGS[0]!.package, id: 'log4j#2' } }];
    assert.deepEqual(run('kev: deny', twice)?.items, [`${L4J_44228} (CRITICAL, KEV)`]);
  });

  it('a rule that reads findings fails on a report without vulnerability results', () => {
    assert.deepEqual(run('max-severity: CRITICAL', undefined), {
      message:
        'the report has no vulnerability results (it was not matched against an advisory database), so this rule cannot pass',
      items: [],
    });
  });
});

describe('evaluateGate on a whole report', () => {
  it('the documented example policy', () => {
    const result = evaluateGate(parseGatePolicy(EXAMPLE, POLICY), report());
    assert.equal(result.passed, false);
    assert.deepEqual(
      result.failures.map((f) => [f.rule, f.message, f.items.length]),
      [
        ['no-critical', '2 findings above HIGH with a fix available', 2],
        ['kev', '2 findings in the CISA KEV catalog (known exploited)', 2],
        ['epss-threshold', '3 findings with an EPSS score of 0.5 or more', 3],
        ['fix-available', '4 findings of severity CRITICAL/HIGH with a fix available', 4],
        ['licenses', '1 package with a denied licence', 1],
      ],
    );
    // The suppressed commons-text finding (CRITICAL, EPSS 0.99931) appears nowhere.
    assert.ok(!result.failures.some((f) => f.items.some((i) => i.includes('CVE-2022-42889'))));
  });

  it('passes once the findings are suppressed and the licences fixed', () => {
    const suppressed = FINDINGS.map((f) => ({
      ...f,
      suppressed: {
        kind: 'ignore' as const,
        status: 'ignored',
        reason: 'accepted risk',
        source: '.bulwarkignore',
      },
    }));
    const packages = PACKAGES.map((p) => ({ ...p, licenses: p.licenses.map(() => 'MIT') }));
    const result = evaluateGate(parseGatePolicy(EXAMPLE, POLICY), report(suppressed, packages));
    assert.deepEqual(result, { passed: true, failures: [] });
  });

  it('an in-memory ScanResult is a gate report; misconfigurations do not change vulnerability rules', () => {
    const misconfigurations: ScanResult['misconfigurations'] = [
      {
        ruleId: 'BW-K8S-014',
        messageId: 'hostPathRoot',
        severity: 'CRITICAL',
        title: 'Sensitive host path mounted',
        message: 'hostPath volume "host" mounts the host\'s /',
        remediation: 'Do not mount host paths.',
        references: [],
        resource: { kind: 'Pod', namespace: 'default', name: 'attacker' },
        location: { file: 'deploy/pod.yaml', startLine: 12 },
      },
    ];
    const policy = parseGatePolicy('rules:\n  - kev: deny\n', POLICY);
    const result = evaluateGate(policy, { ...report(), misconfigurations });
    assert.deepEqual(result, evaluateGate(policy, report()));
    assert.equal(result.failures.length, 1);
  });

  it('formats PASS, or FAIL lines with indented items', () => {
    assert.equal(formatGateResult({ passed: true, failures: [] }), 'PASS\n');
    const result = evaluateGate(
      parseGatePolicy(
        'rules:\n  - name: no-kev\n    kev: deny\n  - licenses: { deny: [AGPL-3.0-or-later] }\n',
        POLICY,
      ),
      report(),
    );
    assert.equal(
      formatGateResult(result),
      'FAIL no-kev: 2 findings in the CISA KEV catalog (known exploited)\n' +
        '  CVE-2021-44228 in log4j-core 2.14.1 (CRITICAL, KEV)\n' +
        '  CVE-2021-45046 in log4j-core 2.14.1 (CRITICAL, KEV)\n' +
        'FAIL licenses: 1 package with a denied licence\n' +
        '  ghostscript 10.0.0: AGPL-3.0-or-later\n',
    );
  });
});
