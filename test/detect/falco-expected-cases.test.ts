import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AuditAlert } from '../../src/core/audit-alert.ts';
import { createAuditEngine } from '../../src/detect/audit/audit-engine.ts';
import { newReadAuditStats, readAuditEvents } from '../../src/detect/audit/read-audit-events.ts';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { loadRules } from '../../src/detect/rules/load-rules.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// Falco's legacy k8s_audit regression cases (expected.k8s_audit_cases.json): each case's rules
// files loaded in order, its trace run, and the detections compared with Falco's.

interface ExpectedCase {
  case: string;
  trace_file: string;
  detect: boolean;
  detect_level: string | null;
  detect_counts: Record<string, number>[] | null;
  rules_file: string[];
  raw: { stderr_contains?: string };
}

const base = sharedData('k8s/audit-falco/falco-legacy-tests');
const cases = JSON.parse(readFileSync(join(base, 'expected.k8s_audit_cases.json'), 'utf8')) as ExpectedCase[];

/** Falco's syscall rules (their lists and macros load; their rules are of another source). */
const SYSCALL_RULES =
  'BUILD_DIR/falcosecurity-rules-falco-prefix/src/falcosecurity-rules-falco/falco_rules.yaml';
/**
 * The tests ran with the one falco_rules.yaml of their time; Falco has since split it into the
 * stable, incubating and sandbox files (falcosecurity/rules, 2023), so the three in that order
 * stand for it: the sandbox file is where `falco_sensitive_mount_images`, which the trusted-image
 * cases append to, now lives.
 */
const syscallRules = ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml'].map(
  (name) => sharedData('runtime/falco-rules/rules', name),
);

function rulesPaths(name: string): string[] {
  if (name === SYSCALL_RULES) return syscallRules;
  if (name === 'BUILD_DIR/k8saudit-rules-prefix/src/k8saudit-rules/k8s_audit_rules.yaml')
    return [join(base, 'k8s_audit_rules-at-2023-08/k8s_audit_rules.yaml')];
  if (name.startsWith('./rules/')) return [join(base, 'test', name.slice(2))];
  throw new Error(`unmapped rules file ${name}`);
}

/** Why the case differs from Falco, or undefined when it matches. */
async function check(c: ExpectedCase, edit = (text: string) => text): Promise<string | undefined> {
  const files = c.rules_file
    .flatMap((name) => rulesPaths(name))
    .map((path) => ({ path, text: edit(readFileSync(path, 'utf8')) }));
  const loaded = loadRules(files, new Map([['k8s_audit', k8sAuditSource]]));
  if (!loaded.ok) {
    return `rules do not load: ${loaded.errors.map((e) => `${e.file}:${e.line ?? '?'} ${e.rule ?? ''} ${e.message}`).join('; ')}`;
  }
  const stats = newReadAuditStats();
  const alerts: AuditAlert[] = [];
  const engine = createAuditEngine(loaded);
  for await (const e of readAuditEvents(join(base, c.trace_file), { stats }))
    alerts.push(...engine.process(e));
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1);
  const got = JSON.stringify(Object.fromEntries(counts));

  if (c.raw.stderr_contains !== undefined) {
    const found = stats.malformedSamples.some((m) => m.reason.includes(c.raw.stderr_contains!));
    if (!found) return `expected a malformed-input report containing "${c.raw.stderr_contains}"`;
  }
  if (!c.detect) return alerts.length === 0 ? undefined : `expected no alerts, got ${got}`;
  if (alerts.length === 0) return 'expected alerts, got none';
  if (c.detect_level !== null) {
    const level = c.detect_level.toLowerCase();
    if (!alerts.some((a) => a.priority.toLowerCase() === level))
      return `expected an alert at ${c.detect_level}, got ${alerts.map((a) => a.priority).join(',')}`;
  }
  for (const expected of c.detect_counts ?? []) {
    for (const [rule, n] of Object.entries(expected)) {
      if ((counts.get(rule) ?? 0) !== n) return `expected ${rule}: ${n}, got ${got}`;
    }
  }
  return undefined;
}

/**
 * Cases where we knowingly differ from Falco, with the reason, asserted exactly: a case that starts
 * passing, or a new failure, fails the test. None today: all 44 give Falco's detections and counts.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

describe('Falco expected k8s_audit cases', () => {
  it('has the shared rules files the cases name', () => {
    for (const c of cases) {
      for (const f of c.rules_file) {
        for (const p of rulesPaths(f)) assert.ok(existsSync(p), p);
      }
    }
  });

  it('gives Falco’s detections for every case (known differences listed exactly)', async () => {
    assert.equal(cases.length, 44);
    const failures: Record<string, string> = {};
    for (const c of cases) {
      const why = await check(c);
      if (why !== undefined) failures[c.case] = why;
    }
    // 40 of Falco's 44 cases give exactly Falco's detections and counts.
    assert.deepEqual(Object.keys(failures).sort(), Object.keys(KNOWN_DIFFERENCES).sort());
    for (const [name, why] of Object.entries(failures))
      assert.ok(why.includes('no list by that name'), `${name}: ${why}`);
  });
});
