// Test support shared by the hardening and RBAC rule tests: builds K8sObjects from plain objects and
// runs a rule's valid/invalid case table (typescript-eslint's RuleTester, in small).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';
import type { K8sRule, K8sViolation } from '../../k8s-rule.ts';

/** A K8sObject over a parsed document, as the parser would give it but without line information. */
export function objectOf(
  raw: Readonly<Record<string, unknown>>,
  file = 'test.yaml',
  docIndex = 0,
): K8sObject {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const annotations: Record<string, string> = {};
  if (isRecord(metadata.annotations)) {
    for (const [k, v] of Object.entries(metadata.annotations)) if (typeof v === 'string') annotations[k] = v;
  }
  return {
    ...(typeof raw.apiVersion === 'string' ? { apiVersion: raw.apiVersion } : {}),
    kind: typeof raw.kind === 'string' ? raw.kind : '',
    ...(typeof metadata.name === 'string' ? { name: metadata.name } : {}),
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    annotations,
    raw,
    file,
    docIndex,
    lineOf: () => undefined,
  };
}

/** Runs a rule on a plain object and returns its violations. */
export function violationsOf<M extends string>(
  rule: K8sRule<M>,
  raw: Readonly<Record<string, unknown>>,
): K8sViolation<M>[] {
  return [...rule.check(objectOf(raw))];
}

export function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export function deployment(podSpec: Record<string, unknown>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: {}, spec: podSpec } },
  };
}

export function cronJob(podSpec: Record<string, unknown>) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: podSpec } } } },
  };
}

export interface ValidCase {
  readonly name: string;
  readonly object: Readonly<Record<string, unknown>>;
}

export interface InvalidCase<M extends string> {
  readonly name: string;
  readonly object: Readonly<Record<string, unknown>>;
  /** Every violation, in order: its message id and JSON path. */
  readonly errors: readonly { readonly messageId: M; readonly path: string }[];
}

const PLACEHOLDER = /\{(\w+)\}/g;

function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * Registers one test per case: valid cases yield nothing, invalid cases yield exactly the listed
 * violations, and every violation carries a value for each placeholder of its message. Also checks
 * that each message id of the rule is exercised by some invalid case.
 */
export function runRuleCases<M extends string>(
  rule: K8sRule<M>,
  cases: { readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase<M>[] },
): void {
  describe(`${rule.id} ${rule.title}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        assert.deepEqual(violationsOf(rule, c.object), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const got = violationsOf(rule, c.object);
        assert.deepEqual(
          got.map((v) => ({ messageId: v.messageId, path: v.path })),
          c.errors,
        );
        for (const v of got) {
          for (const key of placeholders(rule.messages[v.messageId])) {
            assert.ok(v.data !== undefined && key in v.data, `${v.messageId} needs data.${key}`);
          }
        }
      });
    }
    it('every message id has an invalid case', () => {
      const used = new Set(cases.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      assert.deepEqual(
        Object.keys(rule.messages).filter((id) => !used.has(id as M)),
        [],
      );
    });
  });
}

/**
 * Checks a rule registry: ids in order and in range, the profile, the texts and references every
 * finding carries, and that each registered rule has a case table (`runRuleCases(<rule>, …)`) in a
 * test file of its folder. `registrySource` is the registry module's text, whose imports name the rules.
 */
export function checkRegistry(
  rules: readonly K8sRule[],
  options: {
    readonly idPattern: RegExp;
    readonly profile: string;
    readonly registrySource: string;
    readonly testSources: readonly string[];
  },
): void {
  it('ids are unique, in range and in order', () => {
    const ids = rules.map((r) => r.id);
    for (const id of ids) assert.match(id, options.idPattern);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });
  for (const rule of rules) {
    it(`${rule.id} is complete`, () => {
      assert.deepEqual(rule.profiles, [options.profile]);
      for (const text of [rule.title, rule.description, rule.remediation]) assert.ok(text.trim().length > 0);
      assert.ok(rule.description.endsWith('.'), 'description is a sentence');
      assert.ok(rule.remediation.endsWith('.'), 'remediation is a sentence');
      assert.ok(
        rule.references.some((r) => r.startsWith('https://kubernetes.io/')),
        'links the Kubernetes documentation',
      );
      assert.equal(new Set(rule.references).size, rule.references.length, 'no duplicate references');
      const messages = Object.entries(rule.messages);
      assert.ok(messages.length > 0);
      for (const [id, template] of messages) {
        assert.match(id, /^[a-z][A-Za-z]*$/);
        assert.ok(typeof template === 'string' && template.length > 0);
      }
    });
  }
  it('every registered rule has a case table', () => {
    const imported = [...options.registrySource.matchAll(/import \{ (\w+) \} from '\.\/rules\//g)].map(
      (m) => m[1],
    );
    assert.equal(imported.length, rules.length, 'one import per rule');
    const untested = imported.filter(
      (name) => !options.testSources.some((t) => t.includes(`runRuleCases(${name},`)),
    );
    assert.deepEqual(untested, []);
  });
}
