// Test support for the image-config rule tests: builds an ImageInfo around a config section and
// runs a rule's valid/invalid case table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageInfo } from '../../../core/image-info.ts';
import type { ImageConfigRule } from '../image-config-rule.ts';
import { imageConfigView } from '../image-config-view.ts';

export function imageWith(config: Record<string, unknown>, os = 'linux'): ImageInfo {
  return {
    reference: 'registry.example/app:1.0',
    configDigest: `sha256:${'0'.repeat(64)}`,
    platform: { os, architecture: 'amd64' },
    repoTags: [],
    repoDigests: [],
    layers: [],
    config,
  };
}

export interface ImageCase {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly os?: string;
}

export interface InvalidImageCase<M extends string> extends ImageCase {
  readonly errors: readonly {
    readonly messageId: M;
    readonly path: string;
    readonly data?: Record<string, string>;
  }[];
}

/** Valid cases yield nothing; invalid ones exactly the listed violations; every message id is used. */
export function imageRuleCases<M extends string>(
  rule: ImageConfigRule<M>,
  cases: { readonly valid: readonly ImageCase[]; readonly invalid: readonly InvalidImageCase<M>[] },
): void {
  const run = (c: ImageCase) => [...rule.check(imageConfigView(imageWith(c.config, c.os)))];
  describe(`${rule.id} valid`, () => {
    for (const c of cases.valid) it(c.name, () => assert.deepEqual(run(c), []));
  });
  describe(`${rule.id} invalid`, () => {
    for (const c of cases.invalid)
      it(c.name, () => {
        const got = run(c);
        assert.deepEqual(
          got.map((v) => ({ messageId: v.messageId, path: v.path })),
          c.errors.map((e) => ({ messageId: e.messageId, path: e.path })),
        );
        got.forEach((v, i) => {
          for (const [k, value] of Object.entries(c.errors[i]?.data ?? {}))
            assert.equal(v.data?.[k], value, k);
          for (const m of rule.messages[v.messageId].matchAll(/\{(\w+)\}/g))
            assert.ok(v.data?.[m[1]!] !== undefined, `${v.messageId} needs {${m[1]}}`);
        });
      });
    it('exercises every message id', () => {
      const used = new Set(cases.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      assert.deepEqual([...used].sort(), Object.keys(rule.messages).sort());
    });
  });
}
