import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName, nameWords } from './secret-names.ts';

describe('nameWords', () => {
  it('splits separators and camelCase', () => {
    assert.deepEqual(nameWords('dbPassword'), ['DB', 'PASSWORD']);
    assert.deepEqual(nameWords('db.password-2'), ['DB', 'PASSWORD', '2']);
    assert.deepEqual(nameWords('AWS_SECRET_ACCESS_KEY'), ['AWS', 'SECRET', 'ACCESS', 'KEY']);
  });
});

describe('isSecretName', () => {
  const cases: readonly { readonly name: string; readonly secret: boolean }[] = [
    { name: 'PASSWORD', secret: true },
    { name: 'REDIS_PASSWD', secret: true },
    { name: 'AWS_SECRET_ACCESS_KEY', secret: true },
    { name: 'SECRET_KEY_BASE', secret: true },
    { name: 'API_KEY', secret: true },
    { name: 'apiKey', secret: true },
    { name: 'PRIVATE_KEY', secret: true },
    { name: 'OAUTH_CLIENT_CREDENTIALS', secret: true },
    { name: 'azure_batch_key', secret: true },
    { name: 'AWS_ACCESS_KEY_ID', secret: false },
    { name: 'CACHE_KEY', secret: false },
    { name: 'TOKEN_FILE', secret: false },
    { name: 'KEY', secret: false },
    { name: 'PUBLIC_KEY', secret: false },
    { name: 'TOKENIZER_MODEL', secret: false },
    { name: '', secret: false },
  ];
  for (const c of cases) {
    it(`${c.name || '(empty)'} → ${c.secret}`, () => assert.equal(isSecretName(c.name), c.secret));
  }
});
