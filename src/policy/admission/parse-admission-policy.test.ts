import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { DEFAULT_ADMISSION_POLICY } from './admission-policy.ts';
import { parseAdmissionPolicy } from './parse-admission-policy.ts';

describe('parseAdmissionPolicy', () => {
  it('an empty file, or one with only comments, is the default policy', () => {
    assert.deepEqual(parseAdmissionPolicy('', 'p.yaml'), { ...DEFAULT_ADMISSION_POLICY, source: 'p.yaml' });
    assert.deepEqual(parseAdmissionPolicy('# nothing\n', 'p.yaml'), {
      ...DEFAULT_ADMISSION_POLICY,
      source: 'p.yaml',
    });
  });

  it('reads every key; severities in any case; none turns a check off', () => {
    const p = parseAdmissionPolicy(
      [
        'description: production clusters',
        'mode: warn',
        'profile: restricted',
        'deny:',
        '  config-severity: medium',
        '  kev: false',
        '  fixable-severity: none',
        'unscanned: deny',
        'exempt:',
        '  namespaces: [kube-system, "monitoring-*"]',
        '  images: ["registry.k8s.io/*", ghcr.io/acme/]',
      ].join('\n'),
      'prod.yaml',
    );
    assert.deepEqual(p, {
      source: 'prod.yaml',
      mode: 'warn',
      profile: 'restricted',
      configSeverity: 'MEDIUM',
      denyKev: false,
      unscanned: 'deny',
      exemptNamespaces: ['kube-system', 'monitoring-*'],
      exemptImages: ['registry.k8s.io/*', 'ghcr.io/acme/'],
    });
    assert.equal('fixableSeverity' in p, false);
    const off = parseAdmissionPolicy('deny: { config-severity: none }', 'p.yaml');
    assert.equal('configSeverity' in off, false);
  });

  const invalid: [string, string, RegExp][] = [
    ['a bad mode', 'mode: block', /^p\.yaml: mode: expected one of enforce, warn, audit, not "block"$/],
    ['a bad profile', 'profile: strict', /^p\.yaml: profile: expected one of baseline, restricted/],
    ['an unknown top-level key', 'modes: warn', /^p\.yaml: modes: unknown key \(expected description, mode/],
    ['an unknown deny key', 'deny: { critical: true }', /^p\.yaml: deny\.critical: unknown key/],
    ['kev not a boolean', 'deny: { kev: "yes" }', /^p\.yaml: deny\.kev: must be true or false, not "yes"$/],
    [
      'a bad severity',
      'deny: { config-severity: SEVERE }',
      /^p\.yaml: deny\.config-severity: expected a severity/,
    ],
    ['INFO is not a vulnerability severity', 'deny: { fixable-severity: INFO }', /deny\.fixable-severity/],
    ['a bad unscanned', 'unscanned: maybe', /^p\.yaml: unscanned: expected one of allow, warn, deny/],
    ['exempt images not a list', 'exempt: { images: nginx }', /^p\.yaml: exempt\.images: must be a list/],
    [
      'an exempt entry with a space',
      'exempt: { images: [ok, "a b"] }',
      /^p\.yaml: exempt\.images\[1\]: must be/,
    ],
    ['not a mapping', '- mode: warn', /^p\.yaml: an admission policy is a mapping/],
    ['invalid YAML', 'mode: [warn', /^p\.yaml: not valid YAML/],
    ['a duplicate key', 'mode: warn\nmode: audit', /^p\.yaml: not valid YAML/],
  ];
  for (const [name, text, message] of invalid) {
    it(`refuses ${name}, naming the file and the field`, () => {
      assert.throws(
        () => parseAdmissionPolicy(text, 'p.yaml'),
        (e: unknown) =>
          e instanceof BulwarkError && e.code === ErrorCodes.POLICY_INVALID && message.test(e.message),
      );
    });
  }

  it('refuses a YAML alias bomb quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    lines.push('exempt: { images: *l }');
    const started = performance.now();
    assert.throws(() => parseAdmissionPolicy(lines.join('\n'), 'bomb.yaml'), /bomb\.yaml: .*alias/);
    assert.ok(performance.now() - started < 2000);
  });
});
