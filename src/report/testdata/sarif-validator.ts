// The official SARIF 2.1.0 schema as a validator, shared by sarif.test.ts and sarif-config.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

/**
 * The official SARIF 2.1.0 schema as @microsoft/jest-sarif ships it. It declares draft-04, which
 * ajv 8 does not load; its only draft-04 feature is the root `id` (there is no boolean
 * exclusiveMinimum/Maximum and every $ref is local), so with `$schema` dropped and `id` read as
 * `$id` every keyword means the same under ajv's default draft-07 and the validation is the same.
 * `unicodeRegExp: false` because the schema's `language` pattern (`…[a-zA-Z]{2}]?$`) has a stray
 * `]`, legal only in non-Unicode regular expressions, which is how draft-04 validators read it.
 */
export function sarifValidator(): {
  validate: ValidateFunction;
  assertValid: (log: unknown, label: string) => void;
} {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@microsoft/jest-sarif/package.json'));
  const file = join(dir, 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const { $schema, id, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.equal($schema, 'http://json-schema.org/draft-04/schema#');
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile({ ...rest, $id: id as string });
  const assertValid = (log: unknown, label: string): void => {
    if (!validate(log)) assert.fail(`${label}: ${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
  };
  return { validate, assertValid };
}
