/**
 * Child process of sqlite-kill.test.ts: opens the store in `argv[2]`, starts an import that
 * deletes what is there and writes many advisories, prints `WRITING` once rows are on disk, and
 * never commits. The parent SIGKILLs it mid-transaction.
 */
import { sql } from 'kysely';
import type { Advisory } from '../../core/advisory.ts';
import { openStore } from '../open-store.ts';
import { storeKysely } from '../store.ts';

const home = process.argv[2];
if (home === undefined) throw new Error('usage: kill-import-child.ts <home>');
const store = await openStore({ home });
// A small page cache makes SQLite spill uncommitted pages into the WAL file early, so the kill
// finds uncommitted data on disk, not only in memory.
await sql`pragma cache_size = -1000`.execute(storeKysely(store));
// Keeps the process alive after the last write (the transaction must stay open until the
// kill), and ends it, still uncommitted, if the parent never does.
setTimeout(() => process.exit(3), 120_000);

await store.transaction(async (tx) => {
  const old = await tx.advisoryFingerprints('osv');
  await tx.deleteAdvisories('osv', [...old.keys()]);
  await tx.replaceKev('kev', []);
  await tx.setFileHashes('osv', new Map());
  for (let round = 0; round < 100; round++) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = round * 500 + i;
      const advisory: Advisory = {
        id: `GHSA-kill-${n}`,
        aliases: [`CVE-2099-${n}`],
        related: [],
        details: 'x'.repeat(2000),
        modified: '2025-01-01T00:00:00Z',
        severity: [],
        affected: [
          { ecosystem: 'npm', name: `kill-${n}`, ranges: [], versions: ['1.0.0'] },
          { ecosystem: 'npm', name: 'lodash', ranges: [], versions: ['4.17.20'] },
        ],
        references: [],
        source: 'osv',
      };
      return { advisory, file: `${n}.json`, fingerprint: `fp-${n}` };
    });
    await tx.upsertAdvisories('osv', rows);
    if (round === 10) process.stdout.write('WRITING\n');
    // Yield so the parent's signal is not starved by a tight synchronous loop.
    await new Promise((r) => setImmediate(r));
  }
  await new Promise(() => {});
});
