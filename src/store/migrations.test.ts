import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STORE_MIGRATIONS, storeMigrationProvider } from './migrations.ts';
import { SCHEMA_VERSION } from './schema.ts';

describe('store migrations', () => {
  it('SCHEMA_VERSION is the number of migrations, named in the order they apply', async () => {
    const names = Object.keys(await storeMigrationProvider.getMigrations());
    assert.equal(names.length, SCHEMA_VERSION);
    assert.deepEqual(names, [...names].sort());
    names.forEach((n, i) => {
      assert.match(n, new RegExp(`^${String(i + 1).padStart(4, '0')}_`));
    });
    assert.deepEqual(names, Object.keys(STORE_MIGRATIONS));
  });
});
