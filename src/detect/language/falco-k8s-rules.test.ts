import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { FieldSource } from '../field-source.ts';
import { compileCondition } from './compile-condition.ts';
import type { ConditionNode } from './condition-ast.ts';
import { formatConditionError } from './condition-error.ts';
import { expandCondition } from './expand-condition.ts';
import { parseCondition } from './parse-condition.ts';

const RULES = fileURLToPath(
  new URL(
    '../../../../shared/data/k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml',
    import.meta.url,
  ),
);

interface Item {
  list?: string;
  items?: unknown[];
  macro?: string;
  rule?: string;
  condition?: string;
  append?: boolean;
}

/** Accepts every `ka.*` and `jevt.*` field: this test is about the language, not the fields. */
const anyField: FieldSource = {
  name: 'k8s_audit',
  resolve: (name) =>
    name.startsWith('ka.') || name.startsWith('jevt.')
      ? { type: 'json', get: () => undefined }
      : { error: `Unknown field ${name}` },
};

describe("Falco's k8s_audit_rules.yaml", () => {
  const doc = parse(readFileSync(RULES, 'utf8')) as Item[];
  const lists = new Map<string, string[]>();
  const macros = new Map<string, ConditionNode>();
  const failures: string[] = [];
  const rules: [string, string][] = [];
  // Appends are out of scope here: the rules loader owns them; later definitions replace earlier ones.
  for (const item of doc) {
    if (item.list !== undefined) lists.set(item.list, (item.items ?? []).map(String));
    else if (item.macro !== undefined && item.condition !== undefined) {
      const r = parseCondition(item.condition);
      if (r.ok) macros.set(item.macro, r.value);
      else failures.push(`macro ${item.macro}: ${formatConditionError(r.error)}`);
    } else if (item.rule !== undefined && item.condition !== undefined)
      rules.push([item.rule, item.condition]);
  }

  it('has lists, macros and rules', () => {
    assert.ok(lists.size >= 15, `${lists.size} lists`);
    assert.ok(macros.size >= 40, `${macros.size} macros`);
    assert.ok(rules.length >= 40, `${rules.length} rules`);
  });

  it('parses, expands and compiles every rule condition', () => {
    let compiled = 0;
    for (const [name, condition] of rules) {
      const parsed = parseCondition(condition);
      if (!parsed.ok) {
        failures.push(`rule ${name}: ${formatConditionError(parsed.error)}`);
        continue;
      }
      const expanded = expandCondition(parsed.value, { macros, lists });
      if (!expanded.ok) {
        failures.push(`rule ${name}: ${formatConditionError(expanded.error)}`);
        continue;
      }
      const c = compileCondition(expanded.value, anyField);
      if (!c.ok) failures.push(`rule ${name}: ${formatConditionError(c.error)}`);
      else {
        assert.equal(c.fn({}), false, `rule ${name} fires on an empty event`);
        compiled++;
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(compiled, rules.length);
  });
});
