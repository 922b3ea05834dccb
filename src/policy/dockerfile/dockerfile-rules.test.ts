import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONFIG_SEVERITIES } from '../../core/config-finding.ts';
import { dockerfileRules } from './dockerfile-rules.ts';

const rulesDir = fileURLToPath(new URL('./rules/', import.meta.url));

describe('dockerfileRules (the registry)', () => {
  it('ids are BW-DF-nnn, unique, in order', () => {
    const ids = dockerfileRules.map((r) => r.id);
    for (const id of ids) assert.match(id, /^BW-DF-\d{3}$/);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  it('every rule is documented and references docs and, where one exists, a peer id', () => {
    for (const r of dockerfileRules) {
      assert.ok(CONFIG_SEVERITIES.includes(r.severity), r.id);
      for (const text of [r.title, r.description, r.remediation])
        assert.ok(text.length > 10, `${r.id}: ${text}`);
      assert.ok(
        r.references.some((x) => x.startsWith('https://')),
        `${r.id} links to documentation`,
      );
      assert.ok(Object.keys(r.messages).length > 0, r.id);
      for (const m of Object.values<string>(r.messages)) assert.ok(m.length > 0);
    }
  });

  it('every rule file is registered and has its test', () => {
    const sources = readdirSync(rulesDir).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'rule-cases.ts',
    );
    assert.equal(sources.length, dockerfileRules.length);
    for (const f of sources)
      assert.ok(existsSync(`${rulesDir}${f.replace(/\.ts$/, '.test.ts')}`), `${f} has a test`);
  });
});
