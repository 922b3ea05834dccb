import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileNamePatterns } from './name-patterns.ts';

describe('compileNamePatterns', () => {
  const match = compileNamePatterns([
    'kube-system',
    'team-*-dev',
    'registry.k8s.io/*',
    'ghcr.io/acme/',
    '*:debug',
  ]);
  const cases: [string, boolean][] = [
    ['kube-system', true],
    ['kube-system2', false],
    ['team-a-dev', true],
    ['team--dev', true],
    ['team-a-prod', false],
    ['registry.k8s.io/pause:3.9', true],
    ['registry.k8s.io.evil.com/x', false],
    ['ghcr.io/acme/api:1.2', true],
    ['ghcr.io/acme', false],
    ['ghcr.io/acmecorp/api', false],
    ['busybox:debug', true],
  ];
  for (const [name, want] of cases) {
    it(`${name} → ${want}`, () => assert.equal(match(name), want));
  }
  it('an empty list matches nothing', () => assert.equal(compileNamePatterns([])('x'), false));
  it('a long hostile name against many stars stays fast', () => {
    const m = compileNamePatterns(['*a*a*a*a*a*a*a*b']);
    const started = performance.now();
    assert.equal(m('a'.repeat(20_000)), false);
    assert.ok(performance.now() - started < 1000);
  });
});
