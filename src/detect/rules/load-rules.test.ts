import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FieldSource } from '../field-source.ts';
import { k8sAuditSource } from '../k8s-audit/k8s-audit-source.ts';
import { type CompiledRule, loadRules } from './load-rules.ts';
import { renderOutput } from './render-output.ts';

const FALCO = '../../../../shared/data/k8s/audit-falco/';
const read = (rel: string): { path: string; text: string } => {
  const path = fileURLToPath(new URL(FALCO + rel, import.meta.url));
  return { path, text: readFileSync(path, 'utf8') };
};
const MAIN = read('current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml');
const LEGACY = 'falco-legacy-tests/test/';
const event = (name: string): unknown =>
  JSON.parse(read(`${LEGACY}trace_files/k8s_audit/${name}`).text.split('\n')[0]!);

/** A tiny source: `t.*` fields read the event's properties by name (`t.list` is a list). */
const test: FieldSource = {
  name: 'test',
  resolve: (name) =>
    name.startsWith('t.')
      ? {
          type: name === 't.list' ? 'list' : 'string',
          get: (e) => (e as Record<string, unknown>)[name.slice(2)],
        }
      : { error: `Unknown field ${name}` },
};
const sources = new Map<string, FieldSource>([
  ['k8s_audit', k8sAuditSource],
  ['test', test],
]);

function load(...texts: string[]): CompiledRule[] {
  const r = loadRules(
    texts.map((text, i) => ({ path: `f${i}.yaml`, text })),
    sources,
  );
  if (!r.ok) assert.fail(JSON.stringify(r.errors));
  return r.rules;
}
const fired = (rules: CompiledRule[], e: unknown): string[] =>
  rules.filter((r) => r.match(e)).map((r) => r.name);

const BASE = `
- list: names
  items: [a, b]
- macro: is_x
  condition: t.kind = x
- rule: R
  desc: d
  condition: is_x and t.name in (names)
  output: "name=%t.name other=%t.missing"
  priority: WARNING
  source: test
  tags: [one]
  exceptions:
    - name: by_user
      fields: [t.user, t.ns]
      comps: [=, startswith]
      values:
        - [alice, prod]
`;

describe('loadRules', () => {
  it("loads Falco's k8s_audit_rules.yaml with its 48 rules", () => {
    const r = loadRules([MAIN], sources);
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors.slice(0, 3)));
    assert.equal(r.rules.length, 48);
    assert.ok(r.rules.every((x) => x.source === 'k8s_audit' && x.match({}) === false));
  });

  it('skips rules whose source is not loaded (default syscall)', () => {
    const rules = load(`- rule: S\n  desc: d\n  condition: proc.name = x\n  output: o\n  priority: INFO\n`);
    assert.deepEqual(rules, []);
  });

  it('compiles conditions, exceptions and outputs', () => {
    const [rule] = load(BASE);
    assert.equal(rule!.name, 'R');
    assert.deepEqual(rule!.tags, ['one']);
    assert.equal(rule!.match({ kind: 'x', name: 'a' }), true);
    assert.equal(rule!.match({ kind: 'x', name: 'c' }), false);
    assert.equal(rule!.match({ kind: 'x', name: 'a', user: 'alice', ns: 'prod-1' }), false);
    assert.equal(rule!.match({ kind: 'x', name: 'a', user: 'alice', ns: 'dev' }), true);
    assert.equal(rule!.output({ name: 'a' }), 'name=a other=<NA>');
    assert.deepEqual(rule!.outputFields({ name: 'a' }), { 't.name': 'a', 't.missing': null });
  });

  it('appends lists, macros, rules and exceptions (legacy append)', () => {
    const rules = load(
      BASE,
      `
- list: names
  items: [c]
  append: true
- macro: is_x
  condition: or t.kind = y
  append: true
- rule: R
  condition: and t.name != b
  exceptions:
    - name: by_user
      values: [[bob, dev]]
  append: true
`,
    );
    const m = rules[0]!.match;
    assert.equal(m({ kind: 'x', name: 'c' }), true);
    assert.equal(m({ kind: 'y', name: 'c' }), true);
    assert.equal(m({ kind: 'x', name: 'b' }), false);
    assert.equal(m({ kind: 'x', name: 'a', user: 'bob', ns: 'dev1' }), false);
    assert.equal(m({ kind: 'x', name: 'a', user: 'alice', ns: 'prod' }), false);
  });

  it('overrides with append and replace (Falco >= 0.36)', () => {
    const rules = load(
      BASE,
      `
- list: names
  items: [z]
  override:
    items: replace
- macro: is_x
  condition: t.kind = q
  override:
    condition: replace
- rule: R
  output: "replaced %t.kind"
  priority: ERROR
  exceptions:
    - name: single
      fields: t.user
      values: [carol, dave]
  tags: [two]
  override:
    output: replace
    priority: replace
    exceptions: replace
    tags: append
`,
    );
    const r = rules[0]!;
    assert.equal(r.priority, 'ERROR');
    assert.deepEqual(r.tags, ['one', 'two']);
    assert.equal(r.output({ kind: 'q' }), 'replaced q');
    assert.equal(r.match({ kind: 'q', name: 'z' }), true);
    assert.equal(r.match({ kind: 'x', name: 'z' }), false);
    assert.equal(r.match({ kind: 'q', name: 'a' }), false);
    assert.equal(r.match({ kind: 'q', name: 'z', user: 'dave' }), false);
    // the old exception was replaced
    assert.equal(r.match({ kind: 'q', name: 'z', user: 'alice', ns: 'prod' }), true);
  });

  it('keeps disabled rules out, and re-enables them', () => {
    const off = `- rule: R\n  enabled: false\n`;
    assert.deepEqual(load(BASE, off), []);
    assert.equal(load(BASE, off, `- rule: R\n  enabled: true\n`).length, 1);
    assert.deepEqual(load(BASE, `- rule: R\n  enabled: false\n  override:\n    enabled: replace\n`), []);
  });

  it('reports unknown fields, undefined macros and syntax errors with file, rule and position', () => {
    const rule = (name: string, cond: string): string =>
      `- rule: ${name}\n  desc: d\n  condition: ${cond}\n  output: o\n  priority: INFO\n  source: test\n`;
    const r = loadRules(
      [
        { path: 'ok.yaml', text: BASE },
        {
          path: 'bad.yaml',
          text:
            rule('U', 't.kind = x and k.nope = 1') +
            rule('M', 't.kind = x and no_such') +
            rule('S', 't.kind = ('),
        },
      ],
      sources,
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errors.length, 3);
    const [u, m, s] = r.errors;
    // Positions are in the file: rule U's condition is on line 3, `k.nope` at its 16th character.
    assert.deepEqual([u!.file, u!.rule, u!.line, u!.column], ['bad.yaml', 'U', 3, 29]);
    assert.match(u!.message, /k\.nope/);
    assert.match(u!.message, /rule "U" \(at line 1\): condition line 1, column 16/);
    assert.deepEqual([m!.rule, m!.line, m!.column], ['M', 9, 29]);
    assert.match(m!.message, /Undefined macro 'no_such'/);
    assert.equal(s!.rule, 'S');
    assert.equal(s!.line, 15);
  });

  it('reports YAML errors and append to undefined names', () => {
    const r = loadRules(
      [
        { path: 'a.yaml', text: '- list: [unclosed\n' },
        { path: 'b.yaml', text: '- macro: nope\n  condition: x\n  append: true\n' },
      ],
      sources,
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.errors.map((e) => e.file),
      ['a.yaml', 'b.yaml'],
    );
  });

  it('loads legacy-test override files after the main file (create_disallowed_pod / create_allowed_pod)', () => {
    const pod = event('create_nginx_pod_unprivileged.json');
    const withOverride = (file: string): string[] => {
      const r = loadRules([MAIN, read(`${LEGACY}rules/k8s_audit/${file}`)], sources);
      if (!r.ok) assert.fail(JSON.stringify(r.errors));
      return fired(r.rules, pod);
    };
    const plain = loadRules([MAIN], sources);
    assert.ok(plain.ok);
    assert.ok(!fired(plain.rules, pod).includes('Create Disallowed Pod'));
    assert.ok(withOverride('allow_only_apache_container.yaml').includes('Create Disallowed Pod'));
    assert.ok(!withOverride('allow_nginx_container.yaml').includes('Create Disallowed Pod'));
  });

  it('renders outputs on a real trace event', () => {
    const pod = event('create_nginx_pod_unprivileged.json');
    const r = loadRules([MAIN], sources);
    assert.ok(r.ok);
    const rule = r.rules.find((x) => x.name === 'Create Disallowed Pod')!;
    const text = rule.output(pod);
    assert.match(
      text,
      /^Pod started with container not in allowed list \(user=\S+ pod=\S+ ns=default images=\S*nginx/,
    );
    assert.equal(
      text,
      renderOutput(
        'Pod started with container not in allowed list (user=%ka.user.name pod=%ka.resp.name ns=%ka.target.namespace images=%ka.req.pod.containers.image)',
        pod,
        k8sAuditSource,
      ),
    );
    assert.equal(rule.outputFields(pod)['ka.target.namespace'], 'default');
    assert.equal(
      renderOutput('%ka.req.pod.containers.image[0] %jevt.value[/verb] %ka.nope', pod, k8sAuditSource).split(
        ' ',
      )[1],
      'create',
    );
  });
});
