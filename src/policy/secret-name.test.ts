// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLiteralSecretValue, isSecretName, nameWords } from './secret-name.ts';

describe('nameWords', () => {
  it('splits separators and camelCase', () => {
    assert.deepEqual(nameWords('dbPassword'), ['DB', 'PASSWORD']);
    assert.deepEqual(nameWords('db.password-2'), ['DB', 'PASSWORD', '2']);
    assert.deepEqual(nameWords('AWS_SECRET_ACCESS_KEY'), ['AWS', 'SECRET', 'ACCESS', 'KEY']);
  });
});

describe('isSecretName', () => {
  for (const [name, want] of [
    ['PASSWORD', true],
    ['DB_PASSWORD', true],
    ['dbPassword', true],
    ['MYSQL_ROOT_PASSWORD', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['AWS_SESSION_TOKEN', true],
    ['GITHUB_TOKEN', true],
    ['OPENAI_API_KEY', true],
    ['apiKey', true],
    ['STRIPE_APIKEY', true],
    ['PRIVATE_KEY', true],
    ['GOOGLE_CREDENTIALS', true],
    ['NPM_AUTH', true],
    ['client.secret', true],
    ['AWS_ACCESS_KEY_ID', false],
    ['TOKEN_FILE', false],
    ['PASSWORD_MIN_LENGTH', false],
    ['SECRET_NAME', false],
    ['GITHUB_TOKEN_URL', false],
    ['KEY', false],
    ['SSH_KEY_PATH', false],
    ['PWD', false],
    ['OLDPWD', false],
    ['DB_PWD', true],
    ['REDIS_PASSWD', true],
    ['SECRET_KEY_BASE', true],
    ['OAUTH_CLIENT_CREDENTIALS', true],
    ['azure_batch_key', true],
    ['CACHE_KEY', false],
    ['PUBLIC_KEY', false],
    ['TOKENIZER_MODEL', false],
    ['', false],
    ['AUTH', false],
    ['AUTHOR', false],
    ['PATH', false],
    ['TOKENIZER_PARALLELISM', false],
  ] as const)
    it(`${name || '(empty)'} → ${want}`, () => assert.equal(isSecretName(name), want));
  it('PWD in a pod env (shellNames: false) is a password', () => {
    assert.equal(isSecretName('pwd', { shellNames: false }), true);
    assert.equal(isSecretName('PWD'), false);
  });
});

describe('isLiteralSecretValue', () => {
  for (const [raw, want] of [
    ['hunter2', true],
    ['"s3cr3t value"', true],
    ['${X:-fallback}', true],
    ['$DB_PASSWORD', false],
    ['${DB_PASSWORD}', false],
    ['"${A}${B}"', false],
    ['""', false],
    ['', false],
    [undefined, false],
    ['true', false],
    ['0', false],
  ] as const)
    it(`${JSON.stringify(raw)} → ${want}`, () => assert.equal(isLiteralSecretValue(raw), want));
});
