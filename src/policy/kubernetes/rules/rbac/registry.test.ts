import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { HARDENING_RULES } from '../../hardening-rules.ts';
import { RBAC_RULES } from '../../rbac-rules.ts';
import { checkRegistry } from '../hardening/rule-cases.ts';

const here = (p: string) => new URL(p, import.meta.url);

describe('RBAC_RULES', () => {
  checkRegistry(RBAC_RULES, {
    idPattern: /^BW-K8S-2\d\d$/,
    profile: 'rbac',
    registrySource: readFileSync(here('../../rbac-rules.ts'), 'utf8'),
    testSources: readdirSync(here('.'))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(here(f), 'utf8')),
  });
  it('shares no id with the hardening rules', () => {
    const hardening = new Set(HARDENING_RULES.map((r) => r.id));
    assert.deepEqual(
      RBAC_RULES.map((r) => r.id).filter((id) => hardening.has(id)),
      [],
    );
  });
});
