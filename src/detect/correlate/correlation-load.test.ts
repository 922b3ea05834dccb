import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { k8sAuditSource } from '../k8s-audit/k8s-audit-source.ts';
import { loadRules, type RuleLoadError } from '../rules/load-rules.ts';

// Loading `- correlation:` items: the shape checks, the compile checks, and their error positions.

const sources = new Map([['k8s_audit', k8sAuditSource]]);

const RULES = `- macro: is_create
  condition: ka.verb=create
- rule: Created
  desc: d
  condition: is_create
  output: o
  priority: INFO
  source: k8s_audit
- rule: Quiet
  desc: d
  condition: ka.verb=delete
  output: o
  priority: INFO
  source: k8s_audit
  enabled: false
- rule: Syscall
  desc: d
  condition: evt.type=open
  output: o
  priority: INFO
`;

const GOOD = `- correlation: C
  within: 10m
  by: [ka.user.name]
  sequence:
    - rule: Created
    - condition: ka.verb=get
  output: done by %ka.user.name
  priority: WARNING
`;

function errorsOf(text: string): RuleLoadError[] {
  const r = loadRules(
    [
      { path: 'rules.yaml', text: RULES },
      { path: 'c.yaml', text },
    ],
    sources,
  );
  assert.equal(r.ok, false, `expected errors for:\n${text}`);
  return r.ok ? [] : r.errors;
}

/** The one error of `text`; checks it names the file and the correlation. */
function oneError(text: string, message: RegExp): RuleLoadError {
  const errors = errorsOf(text);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  const e = errors[0]!;
  assert.equal(e.file, 'c.yaml');
  assert.equal(e.correlation, 'C');
  assert.match(e.message, /Correlation "C"/);
  assert.match(e.message, message);
  return e;
}

describe('loading correlations', () => {
  it('compiles a good one, with defaults (source k8s_audit) and a disabled rule as a step', () => {
    const r = loadRules(
      [
        { path: 'rules.yaml', text: RULES },
        { path: 'c.yaml', text: GOOD.replace('rule: Created', 'rule: Quiet') },
      ],
      sources,
    );
    assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.errors));
    assert.deepEqual(
      r.rules.map((x) => x.name),
      ['Created'],
    );
    const [c] = r.correlations;
    assert.equal(c?.name, 'C');
    assert.equal(c?.source, 'k8s_audit');
    assert.equal(c?.kind, 'sequence');
    assert.equal(c?.withinMs, 600_000);
    assert.deepEqual(
      c?.steps.map((s) => [s.name, s.by]),
      [
        ['Quiet', ['ka.user.name']],
        ['step 2', ['ka.user.name']],
      ],
    );
    assert.equal(c?.steps[0]?.match({ verb: 'delete' }), true, "the disabled rule's condition is used");
  });

  it('can be disabled by a later item, and then is not compiled', () => {
    const r = loadRules(
      [
        { path: 'rules.yaml', text: RULES },
        { path: 'c.yaml', text: GOOD },
        { path: 'local.yaml', text: '- correlation: C\n  enabled: false\n' },
      ],
      sources,
    );
    assert.ok(r.ok);
    assert.deepEqual(r.correlations, []);
  });

  it('refuses append and override, saying how to change one instead', () => {
    for (const extra of ['  append: true\n', '  override: { output: replace }\n']) {
      oneError(GOOD + extra, /'append' and 'override' are not supported for correlations.*enabled: false/);
    }
  });

  const cases: [string, string, RegExp, number][] = [
    ['missing within', GOOD.replace('  within: 10m\n', ''), /'within' is required/, 1],
    ['a bad duration', GOOD.replace('10m', '10 minutes'), /duration like 30s/, 1],
    ['a fractional duration', GOOD.replace('10m', '1.5m'), /duration like 30s/, 1],
    [
      'both sequence and count',
      GOOD.replace('  by:', '  count: 3\n  by:'),
      /exactly one of 'sequence' and 'count'/,
      1,
    ],
    [
      'neither sequence nor count',
      'C'.replace('C', '- correlation: C\n  within: 1m\n  output: o\n  priority: INFO\n'),
      /exactly one of 'sequence' and 'count'/,
      1,
    ],
    ['a one-step sequence', GOOD.replace('    - condition: ka.verb=get\n', ''), /at least 2 steps/, 1],
    [
      'a count below 2',
      '- correlation: C\n  within: 1m\n  count: 1\n  condition: ka.verb=get\n  output: o\n  priority: INFO\n',
      /'count' must be an integer of at least 2/,
      1,
    ],
    [
      'a count without a matcher',
      '- correlation: C\n  within: 1m\n  count: 5\n  output: o\n  priority: INFO\n',
      /exactly one of 'rule' and 'condition'/,
      1,
    ],
    [
      'a step with both rule and condition',
      GOOD.replace('- condition: ka.verb=get', '- condition: ka.verb=get\n      rule: Created'),
      /step 2 needs exactly one/,
      6,
    ],
    [
      'a step with an unknown key',
      GOOD.replace('- condition: ka.verb=get', '- condition: ka.verb=get\n      within: 1m'),
      /step 2: unknown key\(s\) 'within'/,
      6,
    ],
    ['an unknown key', `${GOOD}  window: 5m\n`, /unknown key\(s\) 'window'/, 1],
    ['an invalid priority', GOOD.replace('WARNING', 'LOUD'), /invalid priority LOUD/, 1],
    ['a missing output', GOOD.replace('  output: done by %ka.user.name\n', ''), /'output' is required/, 1],
    [
      'steps with different key counts',
      GOOD.replace(
        '- condition: ka.verb=get',
        '- condition: ka.verb=get\n      by: [ka.user.name, ka.target.name]',
      ),
      /step 2 has 2 'by' field\(s\) but step 1 has 1/,
      6,
    ],
    ['an unknown rule', GOOD.replace('rule: Created', 'rule: Nope'), /step 1: no rule named "Nope"/, 5],
    [
      'a rule of another source',
      GOOD.replace('rule: Created', 'rule: Syscall'),
      /source syscall, not k8s_audit/,
      5,
    ],
    [
      'an unknown field in by',
      GOOD.replace('by: [ka.user.name]', 'by: [ka.user.nam]'),
      /'by' field ka\.user\.nam/,
      5,
    ],
    ['an unknown field in the output', GOOD.replace('%ka.user.name', '%ka.nope'), /output/, 1],
    [
      'an undefined macro in a step',
      GOOD.replace('ka.verb=get', 'no_such_macro'),
      /step 2.*Undefined macro 'no_such_macro'/,
      6,
    ],
  ];
  for (const [what, text, message, line] of cases) {
    it(`reports ${what} at line ${line}`, () => {
      const e = oneError(text, message);
      assert.equal(e.line, line);
    });
  }

  it('is all-or-nothing: one bad correlation loads no rules at all', () => {
    const r = loadRules(
      [
        { path: 'rules.yaml', text: RULES },
        { path: 'c.yaml', text: GOOD.replace('10m', 'soon') },
      ],
      sources,
    );
    assert.equal(r.ok, false);
    assert.equal('rules' in r, false);
  });
});
