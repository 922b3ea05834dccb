import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { compileCondition } from '../../src/detect/language/compile-condition.ts';
import type { ConditionNode } from '../../src/detect/language/condition-ast.ts';
import { expandCondition } from '../../src/detect/language/expand-condition.ts';
import { parseCondition } from '../../src/detect/language/parse-condition.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// The language and the k8s_audit source together, on Falco's own rules and its own audit traces
// (../shared/data/k8s/audit-falco). The rules loader (append/override, exceptions, outputs) and the
// expected-detection cases of expected.k8s_audit_cases.json are the rest of issue 6.

interface RuleDoc {
  rule?: string;
  macro?: string;
  list?: string;
  items?: string[];
  condition?: string;
}

function compileRules(): Map<string, (event: unknown) => boolean> {
  const rulesFile = sharedData(
    'k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml',
  );
  const docs = parse(readFileSync(rulesFile, 'utf8')) as RuleDoc[];
  const lists = new Map<string, string[]>();
  const macros = new Map<string, ConditionNode>();
  for (const d of docs) if (d.list) lists.set(d.list, d.items ?? []);
  for (const d of docs) {
    if (!d.macro || !d.condition) continue;
    const p = parseCondition(d.condition);
    assert.ok(p.ok, `macro ${d.macro}`);
    macros.set(d.macro, p.value);
  }
  const rules = new Map<string, (event: unknown) => boolean>();
  for (const d of docs) {
    if (!d.rule || !d.condition) continue;
    const p = parseCondition(d.condition);
    assert.ok(p.ok, `rule ${d.rule}: parse`);
    const x = expandCondition(p.value, { macros, lists });
    assert.ok(x.ok, `rule ${d.rule}: expand`);
    const c = compileCondition(x.value, k8sAuditSource);
    assert.ok(c.ok, `rule ${d.rule}: ${c.ok ? '' : c.error.message}`);
    rules.set(d.rule, c.fn);
  }
  return rules;
}

function firing(rules: Map<string, (event: unknown) => boolean>, trace: string): Set<string> {
  const dir = sharedData('k8s/audit-falco/falco-legacy-tests/test/trace_files/k8s_audit');
  const out = new Set<string>();
  for (const line of readFileSync(join(dir, trace), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { kind?: string; items?: unknown[] };
    for (const e of event.kind === 'EventList' ? (event.items ?? []) : [event]) {
      for (const [name, fn] of rules) if (fn(e)) out.add(name);
    }
  }
  return out;
}

describe("Falco's k8s_audit rules over Falco's audit traces", () => {
  const rules = compileRules();

  it('every rule of k8s_audit_rules.yaml compiles against the ka.* source', () => {
    assert.equal(rules.size, 48);
  });

  it('the seed attack steps fire the rules Falco has for them', () => {
    assert.ok(firing(rules, 'anonymous_creates_namespace_foo.json').has('Anonymous Request Allowed'));
    assert.ok(firing(rules, 'create_nginx_pod_privileged.json').has('Create Privileged Pod'));
    assert.ok(firing(rules, 'create_nginx_pod_sensitive_mount.json').has('Create Sensitive Mount Pod'));
    assert.ok(firing(rules, 'attach_pod.json').has('Attach/Exec Pod'));
  });

  it('benign traces do not fire the attack rules', () => {
    const benign = firing(rules, 'create_nginx_pod_unprivileged.json');
    for (const r of ['Create Privileged Pod', 'Create Sensitive Mount Pod', 'Anonymous Request Allowed']) {
      assert.ok(!benign.has(r), r);
    }
    assert.ok(
      readdirSync(sharedData('k8s/audit-falco/falco-legacy-tests/test/trace_files/k8s_audit')).length > 40,
    );
  });
});
