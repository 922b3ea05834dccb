import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { openStore, SQLITE_FILE } from './open-store.ts';
import { openSqlite } from './sqlite-connection.ts';
import { storeConformance } from './store-conformance.ts';
import { upgradeConformance } from './store-conformance-upgrade.ts';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'bulwark-store-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

storeConformance('sqlite', () => openStore({ home }));
upgradeConformance(
  'sqlite',
  async () => ({ db: openSqlite(join(home, SQLITE_FILE), false).db }),
  () => openStore({ home }),
);

function isCode(code: string, message: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof BulwarkError, `expected a BulwarkError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  };
}

describe('sqlite store', () => {
  it('creates <home>/bulwark.db in WAL mode with foreign keys on, creating the folder', async () => {
    const nested = join(home, 'a', 'b');
    const store = await openStore({ home: nested });
    try {
      assert.equal(store.dialect, 'sqlite');
      assert.equal(store.location, join(nested, SQLITE_FILE));
    } finally {
      await store.close();
    }
    const raw = new Database(join(nested, SQLITE_FILE), { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      raw.close();
    }
  });

  it('uses BULWARK_HOME when no home is given, and ignores a non-postgres BULWARK_DB', async () => {
    const saved = { home: process.env.BULWARK_HOME, db: process.env.BULWARK_DB };
    process.env.BULWARK_HOME = home;
    process.env.BULWARK_DB = '';
    try {
      const store = await openStore();
      await store.close();
      assert.equal(store.location, join(home, SQLITE_FILE));
    } finally {
      restore('BULWARK_HOME', saved.home);
      restore('BULWARK_DB', saved.db);
    }
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', async () => {
    const path = join(home, SQLITE_FILE);
    const garbage = Buffer.from('this is not a database\n'.repeat(300));
    writeFileSync(path, garbage);
    await assert.rejects(
      openStore({ home }),
      isCode(ErrorCodes.DB_CORRUPT, /Remove the file.*bulwark db update/),
    );
    await assert.rejects(
      openStore({ home, readonly: true }),
      isCode(ErrorCodes.DB_CORRUPT, /not a SQLite database/),
    );
    assert.deepEqual(readFileSync(path), garbage);
  });

  it('refuses a damaged database with E_DB_CORRUPT', async () => {
    const store = await openStore({ home });
    await store.close();
    const path = join(home, SQLITE_FILE);
    const bytes = readFileSync(path);
    // Keep the 100-byte header (so it still looks like SQLite), overwrite the schema page.
    bytes.fill(0xa5, 100, Math.min(bytes.length, 4096));
    writeFileSync(path, bytes);
    await assert.rejects(openStore({ home }), isCode(ErrorCodes.DB_CORRUPT, /bulwark db update/));
  });

  it('read-only: refuses a missing database, reads an existing one, refuses writes', async () => {
    await assert.rejects(
      openStore({ home, readonly: true }),
      isCode(ErrorCodes.DB_MISSING, /bulwark db update/),
    );
    const writer = await openStore({ home });
    await writer.transaction((tx) =>
      tx.replaceKev('kev', [{ cve: 'CVE-2021-44228', dateAdded: '2021-12-10' }]),
    );
    await writer.close();

    const reader = await openStore({ home, readonly: true });
    try {
      assert.equal((await reader.kev(['CVE-2021-44228'])).size, 1);
      await assert.rejects(
        reader.transaction((tx) => tx.replaceKev('kev', [])),
        isCode(ErrorCodes.DB_UNAVAILABLE, /read-only/),
      );
    } finally {
      await reader.close();
    }
  });

  it('read-only: asks for `bulwark db update` when the schema is older', async () => {
    const store = await openStore({ home });
    await store.close();
    const raw = new Database(join(home, SQLITE_FILE));
    raw.prepare("update meta set value = '0' where key = 'schema_version'").run();
    raw.close();
    await assert.rejects(
      openStore({ home, readonly: true }),
      isCode(ErrorCodes.DB_SCHEMA, /older.*bulwark db update/),
    );
  });

  it('sees the last committed state from a second connection while a transaction is open', async () => {
    const writer = await openStore({ home });
    const reader = await openStore({ home });
    try {
      await writer.transaction((tx) => tx.replaceKev('kev', [{ cve: 'CVE-1', dateAdded: '2024-01-01' }]));
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let written: () => void = () => {};
      const wroteRows = new Promise<void>((r) => {
        written = r;
      });
      const pending = writer.transaction(async (tx) => {
        await tx.replaceKev('kev', [{ cve: 'CVE-2', dateAdded: '2024-01-02' }]);
        written();
        await held;
      });
      await wroteRows;
      assert.deepEqual([...(await reader.kev(['CVE-1', 'CVE-2'])).keys()], ['CVE-1']);
      release();
      await pending;
      assert.deepEqual([...(await reader.kev(['CVE-1', 'CVE-2'])).keys()], ['CVE-2']);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('fails calls after close with E_DB_UNAVAILABLE, and closes twice quietly', async () => {
    const store = await openStore({ home });
    await store.close();
    await store.close();
    await assert.rejects(store.kev(['CVE-1']), isCode(ErrorCodes.DB_UNAVAILABLE, /closed/));
  });

  it('honours an aborted signal', async () => {
    await assert.rejects(
      openStore({ home, signal: AbortSignal.abort() }),
      isCode(ErrorCodes.ABORTED, /aborted/),
    );
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
