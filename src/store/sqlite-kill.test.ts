import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Advisory } from '../core/advisory.ts';
import { openStore, SQLITE_FILE } from './open-store.ts';
import type { Store } from './store.ts';
import { storeKysely } from './store.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const child = fileURLToPath(new URL('./testdata/kill-import-child.ts', import.meta.url));

describe('sqlite store atomicity', () => {
  const home = mkdtempSync(join(tmpdir(), 'bulwark-kill-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  it('keeps exactly the previous rows when an importing process is SIGKILLed mid-transaction', async () => {
    const before = await openStore({ home });
    const previous = Array.from({ length: 3 }, (_, i) => advisory(`GHSA-prev-${i}`, `prev-${i}`));
    await before.transaction(async (tx) => {
      await tx.upsertAdvisories(
        'osv',
        previous.map((a) => ({ advisory: a, file: `${a.id}.json`, fingerprint: `fp-${a.id}` })),
      );
      await tx.setFileHashes('osv', new Map([['a.json', 'h1']]));
      await tx.replaceKev('kev', [{ cve: 'CVE-2021-44228', dateAdded: '2021-12-10' }]);
    });
    const expected = await state(before);
    await before.close();

    const proc = spawn(process.execPath, ['--import', 'tsx', child, home], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      proc.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    const writing = new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('WRITING')) resolve();
      });
      exited.then((how) => reject(new Error(`child ended (${String(how)}) before writing: ${stderr}`)));
    });
    await writing;
    // Uncommitted pages have reached the WAL file: the kill interrupts a write in progress.
    const wal = statSync(join(home, `${SQLITE_FILE}-wal`)).size;
    assert.ok(wal > 1_000_000, `expected uncommitted pages in the WAL, it has ${wal} bytes`);
    proc.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const afterKill = await openStore({ home });
    try {
      assert.deepEqual(await state(afterKill), expected);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
        storeKysely(afterKill),
      );
      assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
      // And the database still takes writes.
      await afterKill.transaction((tx) => tx.deleteAdvisories('osv', ['GHSA-prev-0']));
      assert.equal((await afterKill.advisories(['GHSA-prev-0'])).size, 0);
    } finally {
      await afterKill.close();
    }
  });
});

function advisory(id: string, name: string): Advisory {
  return {
    id,
    aliases: [`CVE-${id}`],
    related: [],
    modified: '2024-01-01T00:00:00Z',
    severity: [],
    affected: [
      { ecosystem: 'npm', name, ranges: [], versions: ['1.0.0'] },
      { ecosystem: 'npm', name: 'lodash', ranges: [], versions: ['4.17.20'] },
    ],
    references: [],
    source: 'osv',
  };
}

/** Everything the killed import touched, as plain data. */
async function state(s: Store) {
  const db = storeKysely(s);
  const count = async (table: 'advisory' | 'affected' | 'alias') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Inside a transaction only the tx may be used (SQLite has one connection): read it first.
  const { fingerprints, files } = await s.transaction(async (tx) => ({
    fingerprints: [...(await tx.advisoryFingerprints('osv'))].sort(),
    files: [...(await tx.fileHashes('osv'))],
  }));
  return {
    fingerprints,
    files,
    lodash: (await s.affected('npm', ['lodash'])).map((r) => r.advisoryId),
    kev: [...(await s.kev(['CVE-2021-44228'])).keys()],
    rows: {
      advisory: await count('advisory'),
      affected: await count('affected'),
      alias: await count('alias'),
    },
  };
}
