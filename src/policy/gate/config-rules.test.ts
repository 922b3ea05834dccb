import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigFinding } from '../../core/config-finding.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { evaluateGate } from '../gate.ts';
import { formatGateResult } from './format-gate-result.ts';
import { parseGateReport } from './gate-report.ts';
import { parseGatePolicy } from './parse-gate-policy.ts';
import { configReport, MISCONFIGURATIONS } from './testdata/misconfigurations.ts';
import { report } from './testdata/report.ts';

// The gate rule kinds over configuration findings (`misconfigurations`); gate.test.ts has the
// vulnerability and licence kinds.

const POLICY = 'policy.yaml';

/** The combined example from docs/gate-policy.md: one policy over both kinds of findings. */
const COMBINED = `
rules:
  - name: no-critical-config
    max-config-severity: HIGH
  - deny-rules: [BW-K8S-001, BW-DF-003]
  - kev: deny
  - licenses: { deny: ['AGPL-*'] }
`;

const HOSTPATH =
  'BW-K8S-014 (CRITICAL) Pod/default/attacker: hostPath volume "host" mounts the host\'s / — deploy/pod.yaml:12';
const NO_USER =
  'BW-DF-001 (HIGH) Dockerfile/runtime: the final stage sets no USER, so the container runs as root — Dockerfile';
const PRIVILEGED =
  'BW-K8S-001 (HIGH) Pod/default/attacker: container "shell" is privileged — deploy/pod.yaml:9';
const CURL_SH =
  'BW-DF-003 (MEDIUM) Dockerfile/build: RUN pipes a download into a shell (curl … | sh) — Dockerfile:7-9';
const PROBE =
  'BW-K8S-041 (LOW) Deployment/shop/web: container "web" has no liveness probe — deploy/web.yaml:20';
const PINNED =
  'BW-K8S-032 (INFO) Deployment/shop/web: image "nginx:1.27" of container "web" is not pinned by digest — deploy/web.yaml:21';

/** Evaluates a one-rule policy on a `bulwark config` report; undefined on pass, else the failure. */
function run(rule: string, misconfigurations: ConfigFinding[] | null) {
  const result = evaluateGate(
    parseGatePolicy(`rules:\n  - ${rule}\n`, POLICY),
    configReport(misconfigurations),
  );
  assert.equal(result.passed, result.failures.length === 0);
  const f = result.failures[0];
  return f && { message: f.message, items: f.items };
}

describe('configuration gate rules: parsing', () => {
  it('reads each kind; severity names and rule ids are case-insensitive', () => {
    const policy = parseGatePolicy(
      'rules:\n  - max-config-severity: high\n  - deny-rules: [bw-k8s-001, BW-DF-003, BW-DF-003]\n' +
        '  - deny-rules: BW-RBAC-*\n  - max-misconfigurations: { severity: info, count: 5 }\n' +
        '  - max-misconfigurations: { count: 0 }\n',
      POLICY,
    );
    assert.deepEqual(
      policy.rules.map((r) => [r.kind, r.reads, r.settings]),
      [
        ['max-config-severity', 'misconfigurations', { severity: 'HIGH' }],
        ['deny-rules', 'misconfigurations', { rules: ['BW-K8S-001', 'BW-DF-003'] }],
        ['deny-rules', 'misconfigurations', { rules: ['BW-RBAC-*'] }],
        ['max-misconfigurations', 'misconfigurations', { severity: 'INFO', count: 5 }],
        ['max-misconfigurations', 'misconfigurations', { count: 0 }],
      ],
    );
  });

  const invalid: { name: string; yaml: string; message: RegExp }[] = [
    {
      name: 'a vulnerability severity',
      yaml: 'rules:\n  - max-config-severity: NEGLIGIBLE\n',
      message:
        /rules\[0\]: max-config-severity: "NEGLIGIBLE" is not a configuration severity \(CRITICAL, HIGH, MEDIUM, LOW, INFO\)/,
    },
    {
      name: 'max-config-severity with an option',
      yaml: 'rules:\n  - max-config-severity: HIGH\n    fixable-only: true\n',
      message: /"fixable-only" is not an option of max-config-severity \(it has none\)/,
    },
    {
      name: 'deny-rules empty',
      yaml: 'rules:\n  - deny-rules: []\n',
      message: /deny-rules: expected a non-empty list/,
    },
    {
      name: 'deny-rules not strings',
      yaml: 'rules:\n  - deny-rules: [BW-K8S-001, 14]\n',
      message: /deny-rules: expected rule ids such as BW-K8S-001 \(or patterns such as BW-DF-\*\), not 14/,
    },
    {
      name: 'deny-rules blank',
      yaml: "rules:\n  - deny-rules: ['  ']\n",
      message: /deny-rules: expected rule ids/,
    },
    {
      name: 'max-misconfigurations not a mapping',
      yaml: 'rules:\n  - max-misconfigurations: 5\n',
      message: /max-misconfigurations: expected a mapping such as \{ severity: MEDIUM, count: 5 \}/,
    },
    {
      name: 'max-misconfigurations no count',
      yaml: 'rules:\n  - max-misconfigurations: { severity: HIGH }\n',
      message: /"count" must be a whole number of 0 or more, not undefined/,
    },
    {
      name: 'max-misconfigurations bad severity',
      yaml: 'rules:\n  - max-misconfigurations: { severity: UNKNOWN, count: 1 }\n',
      message: /max-misconfigurations: "severity": "UNKNOWN" is not a configuration severity/,
    },
    {
      name: 'max-misconfigurations unknown field',
      yaml: 'rules:\n  - max-misconfigurations: { count: 1, rules: [x] }\n',
      message: /unknown field "rules" \(expected severity, count\)/,
    },
  ];
  for (const c of invalid) {
    it(`refuses: ${c.name}`, () => {
      assert.throws(
        () => parseGatePolicy(c.yaml, POLICY),
        (e: unknown) => {
          assert.ok(e instanceof BulwarkError);
          assert.equal(e.code, ErrorCodes.POLICY_INVALID);
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }
});

describe('configuration gate rules', () => {
  const cases: {
    rule: string;
    misconfigurations?: ConfigFinding[];
    want?: { message: string; items: string[] };
  }[] = [
    // max-config-severity (the suppressed CRITICAL hostPID finding never counts)
    {
      rule: 'max-config-severity: HIGH',
      want: { message: '1 misconfiguration above HIGH', items: [HOSTPATH] },
    },
    { rule: 'max-config-severity: CRITICAL' },
    {
      rule: 'max-config-severity: MEDIUM',
      want: { message: '3 misconfigurations above MEDIUM', items: [HOSTPATH, NO_USER, PRIVILEGED] },
    },
    {
      rule: 'max-config-severity: INFO',
      want: {
        message: '5 misconfigurations above INFO',
        items: [HOSTPATH, NO_USER, PRIVILEGED, CURL_SH, PROBE],
      },
    },
    { rule: 'max-config-severity: HIGH', misconfigurations: MISCONFIGURATIONS.slice(0, 2) },
    { rule: 'max-config-severity: INFO', misconfigurations: [] },
    // deny-rules
    {
      rule: 'deny-rules: [BW-K8S-001, BW-DF-003]',
      want: {
        message: '2 misconfigurations from denied rules (BW-DF-003, BW-K8S-001)',
        items: [PRIVILEGED, CURL_SH],
      },
    },
    {
      rule: 'deny-rules: bw-k8s-014',
      want: { message: '1 misconfiguration from denied rules (BW-K8S-014)', items: [HOSTPATH] },
    },
    {
      rule: "deny-rules: ['BW-DF-*']",
      want: {
        message: '2 misconfigurations from denied rules (BW-DF-001, BW-DF-003)',
        items: [NO_USER, CURL_SH],
      },
    },
    { rule: 'deny-rules: [BW-K8S-005]' }, // fired, but suppressed by annotation
    { rule: 'deny-rules: [BW-RBAC-001, BW-K8S-01]' }, // no prefix match without `*`
    // max-misconfigurations
    { rule: 'max-misconfigurations: { severity: MEDIUM, count: 5 }' },
    { rule: 'max-misconfigurations: { severity: MEDIUM, count: 4 }' },
    {
      rule: 'max-misconfigurations: { severity: MEDIUM, count: 3 }',
      want: {
        message: '4 misconfigurations at MEDIUM or above; at most 3 allowed',
        items: [HOSTPATH, NO_USER, PRIVILEGED, CURL_SH],
      },
    },
    {
      rule: 'max-misconfigurations: { count: 5 }',
      want: {
        message: '6 misconfigurations; at most 5 allowed',
        items: [HOSTPATH, NO_USER, PRIVILEGED, CURL_SH, PROBE, PINNED],
      },
    },
    { rule: 'max-misconfigurations: { count: 0 }', misconfigurations: [] },
  ];
  for (const c of cases) {
    const label = `${c.rule}${c.misconfigurations ? ` (${c.misconfigurations.length} misconfigurations)` : ''}`;
    it(`${label}: ${c.want ? 'fails' : 'passes'}`, () => {
      assert.deepEqual(run(c.rule, c.misconfigurations ?? MISCONFIGURATIONS), c.want);
    });
  }

  it('the same finding reported twice is listed once', () => {
    const hostPath = MISCONFIGURATIONS[2]!;
    assert.deepEqual(run('max-config-severity: HIGH', [hostPath, { ...hostPath }])?.items, [HOSTPATH]);
  });

  it('a rule over misconfigurations fails on a report without configuration results', () => {
    const noConfig = {
      message:
        'the report has no configuration results (no configuration checks ran), so this rule cannot pass',
      items: [],
    };
    for (const rule of [
      'max-config-severity: CRITICAL',
      'deny-rules: [BW-K8S-001]',
      'max-misconfigurations: { count: 9 }',
    ]) {
      assert.deepEqual(run(rule, null), noConfig, rule);
      const result = evaluateGate(parseGatePolicy(`rules:\n  - ${rule}\n`, POLICY), report());
      assert.deepEqual(result.failures[0], { rule: rule.split(':')[0], ...noConfig }, 'an image report');
    }
  });

  it('on a `bulwark config` report, vulnerability rules still fail and licence rules pass', () => {
    const result = evaluateGate(
      parseGatePolicy('rules:\n  - kev: deny\n  - licenses: { deny: [GPL-3.0-only] }\n', POLICY),
      configReport(),
    );
    assert.deepEqual(result.failures, [
      {
        rule: 'kev',
        message:
          'the report has no vulnerability results (it was not matched against an advisory database), so this rule cannot pass',
        items: [],
      },
    ]);
  });

  it('reads a `bulwark config --format json` report and gives the same verdict as in memory', () => {
    const scan = { ...configReport(), schemaVersion: 1 };
    // The JSON encoder lives above policy; its output is this object serialised (report tests).
    const text = JSON.stringify(scan);
    const parsed = parseGateReport(text, 'config.json');
    assert.deepEqual(parsed.packages, []);
    assert.equal(parsed.vulnerabilities, undefined);
    assert.equal(parsed.misconfigurations?.length, MISCONFIGURATIONS.length);
    const policy = parseGatePolicy(COMBINED.replace(/ {2}- kev: deny\n/, ''), POLICY);
    const verdict = evaluateGate(policy, parsed);
    assert.deepEqual(verdict, evaluateGate(policy, configReport()));
    assert.deepEqual(
      verdict.failures.map((f) => f.rule),
      ['no-critical-config', 'deny-rules'],
    );
  });

  it('one policy judges misconfigurations, vulnerabilities and licences of one report', () => {
    const result = evaluateGate(parseGatePolicy(COMBINED, POLICY), {
      ...report(),
      misconfigurations: MISCONFIGURATIONS,
    });
    assert.equal(
      formatGateResult(result),
      [
        'FAIL no-critical-config: 1 misconfiguration above HIGH',
        `  ${HOSTPATH}`,
        'FAIL deny-rules: 2 misconfigurations from denied rules (BW-DF-003, BW-K8S-001)',
        `  ${PRIVILEGED}`,
        `  ${CURL_SH}`,
        'FAIL kev: 2 findings in the CISA KEV catalog (known exploited)',
        '  CVE-2021-44228 in log4j-core 2.14.1 (CRITICAL, KEV)',
        '  CVE-2021-45046 in log4j-core 2.14.1 (CRITICAL, KEV)',
        'FAIL licenses: 1 package with a denied licence',
        '  ghostscript 10.0.0: AGPL-3.0-or-later',
        '',
      ].join('\n'),
    );
    const fixed = MISCONFIGURATIONS.filter(
      (f) => f.severity !== 'CRITICAL' && !/BW-(K8S-001|DF-003)/.test(f.ruleId),
    );
    const clean = evaluateGate(parseGatePolicy(COMBINED, POLICY), {
      ...report([]),
      misconfigurations: fixed,
    });
    assert.deepEqual(
      clean.failures.map((f) => f.rule),
      ['licenses'],
    );
  });
});
