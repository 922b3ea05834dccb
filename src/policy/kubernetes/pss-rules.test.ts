import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PSS_RULES } from './pss-rules.ts';

const RULE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rules', 'pss');
const HELPERS = new Set(['pss-common.ts', 'pss-cases.ts']);

describe('PSS_RULES', () => {
  it('holds BW-K8S-001 to BW-K8S-018, in order, once each', () => {
    assert.deepEqual(
      PSS_RULES.map((r) => r.id),
      Array.from({ length: 18 }, (_, i) => `BW-K8S-${String(i + 1).padStart(3, '0')}`),
    );
  });

  it('puts the Baseline controls first, then the Restricted ones', () => {
    assert.deepEqual(
      PSS_RULES.map((r) => r.profiles.join()),
      [...Array(12).fill('baseline'), ...Array(6).fill('restricted')],
    );
  });

  it('has one rule file per control, each with its case table', () => {
    const files = readdirSync(RULE_DIR).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !HELPERS.has(f),
    );
    assert.equal(files.length, PSS_RULES.length);
    for (const f of files)
      assert.ok(existsSync(join(RULE_DIR, f.replace(/\.ts$/, '.test.ts'))), `${f} has no test`);
  });

  it('gives every rule a title, the PSS page and at least one message', () => {
    for (const r of PSS_RULES) {
      assert.ok(
        r.references[0]?.startsWith('https://kubernetes.io/docs/concepts/security/pod-security-standards/#'),
        r.id,
      );
      assert.ok(Object.keys(r.messages).length > 0, r.id);
      assert.ok(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].includes(r.severity), r.id);
    }
  });
});
