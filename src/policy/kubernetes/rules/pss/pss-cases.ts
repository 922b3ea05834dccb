import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { K8sObject } from '../../k8s-object.ts';
import type { K8sRule, K8sViolation } from '../../k8s-rule.ts';
import { parseK8sText } from '../../parse-k8s-text.ts';
import { renderMessage } from '../../render-message.ts';

// Test support for the PSS rules: a table of valid and invalid objects per rule, in the spirit of
// typescript-eslint's RuleTester. Objects are written as JS values and go through the real parser
// (as YAML), so paths and lines are the ones a user would see.

type Json = Record<string, unknown>;

export interface ValidCase {
  readonly name: string;
  readonly object: Json;
}

export interface ExpectedViolation {
  readonly messageId: string;
  readonly path: string;
  /** Checked when given: these template values, exactly. */
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface InvalidCase {
  readonly name: string;
  readonly object: Json;
  /** Every violation, in order. */
  readonly violations: readonly ExpectedViolation[];
}

/** One container named `app` (image nginx:1.27), with extra fields merged in. */
export function container(extra: Json = {}, name = 'app'): Json {
  return { name, image: 'nginx:1.27', ...extra };
}

export function pod(spec: Json, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata }, spec };
}

export function deployment(podSpec: Json, podMetadata: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' }, ...podMetadata }, spec: podSpec },
    },
  };
}

export function cronJob(podSpec: Json): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: podSpec } } } },
  };
}

/** Parses one object as a user's YAML file would be. */
export function load(object: Json): K8sObject {
  const { objects, errors } = parseK8sText(stringify(object), 'case.yaml');
  assert.deepEqual(errors, []);
  assert.equal(objects.length, 1);
  return objects[0]!;
}

/**
 * Runs a rule's case table: valid objects yield nothing; invalid ones yield exactly the expected
 * violations (messageId, path, data), each path has a line in the file, and each rendered message
 * fills all its placeholders. Also checks that the table exercises every message id.
 */
export function ruleCases(
  rule: K8sRule,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] },
) {
  describe(`${rule.id} ${rule.title}`, () => {
    it('has the metadata every rule needs', () => {
      assert.match(rule.id, /^BW-K8S-\d{3}$/);
      assert.ok(rule.title.length > 0 && rule.description.length > 40 && rule.remediation.length > 10);
      assert.ok(
        rule.references.some((r) =>
          r.startsWith('https://kubernetes.io/docs/concepts/security/pod-security-standards/'),
        ),
      );
      assert.ok(rule.profiles.length > 0);
    });

    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        assert.deepEqual([...rule.check(load(c.object))], []);
      });
    }

    const seen = new Set<string>();
    for (const c of cases.invalid) {
      for (const v of c.violations) seen.add(v.messageId);
      it(`invalid: ${c.name}`, () => {
        const obj = load(c.object);
        const got: K8sViolation[] = [...rule.check(obj)];
        assert.deepEqual(
          got.map((v) => ({ messageId: v.messageId, path: v.path })),
          c.violations.map((v) => ({ messageId: v.messageId, path: v.path })),
        );
        got.forEach((v, i) => {
          const want = c.violations[i]!;
          if (want.data !== undefined) assert.deepEqual(v.data, want.data);
          const message = renderMessage(rule.messages[v.messageId] ?? '', v.data);
          assert.doesNotMatch(message, /\{[A-Za-z0-9_]+\}/, `unfilled placeholder in "${message}"`);
          assert.equal(typeof obj.lineOf(v.path), 'number');
        });
      });
    }

    it('the table uses every message id', () => {
      assert.deepEqual([...seen].sort(), Object.keys(rule.messages).sort());
    });
  });
}
