// Test support for the Dockerfile rule tests: a rule's valid/invalid case table, in the manner of
// typescript-eslint's RuleTester. Dockerfiles are written as arrays of lines so line numbers read
// off the case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DockerfileRule } from '../dockerfile-rule.ts';
import { parseDockerfile } from '../parse-dockerfile.ts';

export interface ValidCase {
  readonly name: string;
  readonly lines: readonly string[];
}

export interface ExpectedViolation<M extends string> {
  readonly messageId: M;
  /** First and last line of the instruction reported. */
  readonly lines: readonly [number, number];
  /** Stage index; absent for the global ARGs. Checked when the case gives it. */
  readonly stage?: number | 'global';
  /** Expected values of the message data, checked when given. */
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface InvalidCase<M extends string> {
  readonly name: string;
  readonly lines: readonly string[];
  /** Every violation, in order. */
  readonly errors: readonly ExpectedViolation<M>[];
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/**
 * One test per case: the case must parse cleanly; a valid case yields nothing; an invalid one
 * yields exactly the listed violations (message id, lines, and stage or data when given) with a
 * value for every placeholder of the message. Also checks that every message id is exercised.
 */
export function ruleCases<M extends string>(
  rule: DockerfileRule<M>,
  cases: { readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase<M>[] },
): void {
  const run = (lines: readonly string[]) => {
    const df = parseDockerfile(lines.join('\n'));
    assert.deepEqual(df.errors, [], 'the case itself must parse without errors');
    return [...rule.check(df)];
  };
  describe(`${rule.id} valid`, () => {
    for (const c of cases.valid) it(c.name, () => assert.deepEqual(run(c.lines), []));
  });
  describe(`${rule.id} invalid`, () => {
    for (const c of cases.invalid)
      it(c.name, () => {
        const got = run(c.lines);
        assert.deepEqual(
          got.map((v) => ({ messageId: v.messageId, lines: [v.startLine, v.endLine] })),
          c.errors.map((e) => ({ messageId: e.messageId, lines: [...e.lines] })),
        );
        got.forEach((v, i) => {
          const want = c.errors[i]!;
          if (want.stage !== undefined) assert.equal(v.stage ?? 'global', want.stage, 'stage');
          for (const [k, value] of Object.entries(want.data ?? {}))
            assert.equal(v.data?.[k], value, `data.${k}`);
          for (const p of placeholders(rule.messages[v.messageId]))
            assert.ok(v.data?.[p] !== undefined, `${v.messageId} needs a value for {${p}}`);
        });
      });
    it('exercises every message id', () => {
      const used = new Set(cases.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      assert.deepEqual([...used].sort(), Object.keys(rule.messages).sort());
    });
  });
}
