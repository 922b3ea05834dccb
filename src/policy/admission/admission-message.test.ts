import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDenyMessage, formatWarnings, MAX_MESSAGE_BYTES, truncateBytes } from './admission-message.ts';
import type { AdmissionViolation } from './admission-violation.ts';

function violation(i: number): AdmissionViolation {
  return {
    ruleId: `TEST-${String(i).padStart(3, '0')}`,
    title: 'Privileged container',
    severity: 'HIGH',
    message: `container "c${i}" is privileged`,
    remediation: 'set securityContext.privileged to false',
    action: 'deny',
  };
}

describe('formatDenyMessage', () => {
  it('names each failed rule with its fix', () => {
    assert.equal(
      formatDenyMessage('Pod default/web', [violation(1), violation(2)]),
      [
        'Bulwark denied Pod default/web: 2 failed checks',
        '- TEST-001 HIGH container "c1" is privileged. Fix: set securityContext.privileged to false',
        '- TEST-002 HIGH container "c2" is privileged. Fix: set securityContext.privileged to false',
      ].join('\n'),
    );
  });
  it('stays under 1 KB, ending with +N more', () => {
    const many = Array.from({ length: 200 }, (_, i) => violation(i));
    const m = formatDenyMessage('Deployment default/web', many);
    assert.ok(Buffer.byteLength(m) <= MAX_MESSAGE_BYTES, `${Buffer.byteLength(m)} bytes`);
    const shown = m.split('\n').filter((l) => l.startsWith('- ')).length;
    assert.ok(shown >= 5);
    assert.match(m, new RegExp(`\\n\\+${200 - shown} more \\(run "bulwark config"`));
  });
  it('cuts a very long single violation, keeping one line', () => {
    const long = { ...violation(1), message: 'é'.repeat(5000) };
    const m = formatDenyMessage('Pod x', [long]);
    assert.ok(Buffer.byteLength(m) <= MAX_MESSAGE_BYTES);
    assert.match(m, /…$/);
  });
});

describe('formatWarnings', () => {
  it('one per violation, at most 256 characters, ten at most', () => {
    const w = formatWarnings(
      Array.from({ length: 25 }, (_, i) => ({ ...violation(i), message: 'x'.repeat(400) })),
    );
    assert.equal(w.length, 10);
    assert.ok(w.every((s) => [...s].length <= 256));
    assert.equal(w[9], 'Bulwark: +16 more failed checks');
  });
});

describe('truncateBytes', () => {
  it('never splits a character', () => {
    const t = truncateBytes('ab€€€€', 8);
    assert.ok(Buffer.byteLength(t) <= 8);
    assert.equal(t, 'ab€…');
    assert.equal(truncateBytes('short', 10), 'short');
  });
});
