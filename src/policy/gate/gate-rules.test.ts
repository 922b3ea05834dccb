import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GATE_RULE_KINDS } from './gate-rules.ts';

const here = (p: string) => new URL(p, import.meta.url);
const docs = readFileSync(here('../../../docs/gate-policy.md'), 'utf8');
// Vulnerability and licence kinds are tested in gate.test.ts, configuration kinds in config-rules.test.ts.
const tests = ['../gate.test.ts', 'config-rules.test.ts']
  .map((f) => readFileSync(here(f), 'utf8'))
  .join('\n');

describe('every gate rule kind', () => {
  for (const kind of GATE_RULE_KINDS.keys()) {
    it(`${kind}: lives in rules/${kind}.ts, is documented and has test cases`, () => {
      assert.ok(existsSync(here(`rules/${kind}.ts`)), `src/policy/gate/rules/${kind}.ts`);
      assert.ok(docs.includes(`### \`${kind}\``), `docs/gate-policy.md has a "### \`${kind}\`" section`);
      assert.ok(
        tests.includes(`rule: '${kind}:`) || tests.includes(`rule: "${kind}:`),
        `gate.test.ts or config-rules.test.ts has cases for ${kind}`,
      );
    });
  }
});
