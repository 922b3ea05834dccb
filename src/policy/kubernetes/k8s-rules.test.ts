import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { K8S_RULES } from './k8s-rules.ts';

describe('K8S_RULES', () => {
  it('has unique, well-formed ids and complete metadata', () => {
    const ids = K8S_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const r of K8S_RULES) {
      assert.match(r.id, /^BW-K8S-\d{3}$/, r.id);
      assert.ok(r.title && r.description && r.remediation, r.id);
      assert.ok(r.profiles.length > 0, r.id);
      assert.ok(Object.keys(r.messages).length > 0, r.id);
    }
  });
});
