import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { riskScore, threat, UNKNOWN_THREAT } from './risk-score.ts';

describe('riskScore', () => {
  it('scores Log4Shell (CVSS 10.0, KEV, EPSS 0.99999) 100', () => {
    assert.equal(riskScore({ baseScore: 10, severity: 'CRITICAL', kev: true, epss: 0.99999 }), 100);
    // Without the KEV listing, EPSS alone still puts it at the top.
    assert.ok(riskScore({ baseScore: 10, severity: 'CRITICAL', kev: false, epss: 0.99999 }) >= 99.9);
  });

  it('scores a LOW with EPSS 0.001 near 0', () => {
    const r = riskScore({ severity: 'LOW', kev: false, epss: 0.001 });
    assert.equal(r, 2);
    assert.ok(riskScore({ baseScore: 3.7, severity: 'LOW', kev: false, epss: 0.001 }) < 5);
  });

  it('worked examples from docs/risk-score.md', () => {
    // runc CVE-2024-21626 as AlmaLinux rates it: HIGH, no vector; EPSS 0.18087.
    assert.equal(riskScore({ severity: 'HIGH', kev: false, epss: 0.18087 }), 62.2);
    // A critical nobody exploits (EPSS at the 2025 floor, 0.00047).
    assert.equal(riskScore({ baseScore: 9.8, severity: 'CRITICAL', kev: false, epss: 0.00047 }), 9.8);
    // A medium that is exploited in the wild outranks it.
    assert.equal(riskScore({ baseScore: 5.5, severity: 'MEDIUM', kev: true }), 55);
    // Not scored by EPSS: about a median CVE's threat.
    assert.equal(riskScore({ baseScore: 9.8, severity: 'CRITICAL', kev: false }), 36.3);
    // Nothing known at all.
    assert.equal(riskScore({ severity: 'UNKNOWN', kev: false }), 18.5);
  });

  it('uses the base score over the severity midpoint', () => {
    assert.equal(riskScore({ baseScore: 7.0, severity: 'CRITICAL', kev: true }), 70);
    assert.equal(riskScore({ severity: 'CRITICAL', kev: true }), 95);
    assert.equal(riskScore({ severity: 'NEGLIGIBLE', kev: true }), 5);
  });

  it('grows with impact and with threat, and stays within 0–100', () => {
    const epss = [0, 0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 0.9, 1];
    for (const baseScore of [0, 1, 4, 6.5, 8.8, 10]) {
      let last = -1;
      for (const e of epss) {
        const r = riskScore({ baseScore, severity: 'MEDIUM', kev: false, epss: e });
        assert.ok(r >= last, `${baseScore} ${e}`);
        assert.ok(r >= 0 && r <= 100);
        last = r;
      }
      assert.ok(riskScore({ baseScore, severity: 'MEDIUM', kev: true }) >= last);
    }
    assert.equal(riskScore({ baseScore: 12, severity: 'CRITICAL', kev: true }), 100);
  });
});

describe('threat', () => {
  it('is 1 for KEV, log-scaled EPSS otherwise, a prior when unscored', () => {
    assert.equal(threat({ kev: true, epss: 0.0001 }), 1);
    assert.equal(threat({ kev: false, epss: 1 }), 1);
    assert.ok(Math.abs(threat({ kev: false, epss: 0.1 }) - 2 / 3) < 1e-9);
    assert.ok(Math.abs(threat({ kev: false, epss: 0.01 }) - 1 / 3) < 1e-9);
    assert.equal(threat({ kev: false, epss: 0.001 }), 0);
    assert.equal(threat({ kev: false, epss: 0 }), 0);
    assert.equal(threat({ kev: false }), UNKNOWN_THREAT);
  });
});
