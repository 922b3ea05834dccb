import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes } from '../../src/core/errors.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';
import { importSource } from '../../src/vulndb/import/import-source.ts';

// importSource against a real SQLite store, on real records from ../shared/data/vuln: zips as
// osv.dev publishes them, incremental re-imports, malformed records, aborts, and one id published
// by several files (AlmaLinux repeats ALSA ids per release).

const GO_RECORDS = ['GO-2024-2491.json', 'GO-2024-2687.json', 'GO-2025-3543.json', 'GO-2022-0274.json'];

describe('importSource', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-import-'));
    store = await openStore({ home: join(dir, 'home') });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function goFeed(name: string): Promise<string> {
    const feed = join(dir, name);
    await mkdir(feed, { recursive: true });
    for (const f of GO_RECORDS) await cp(sharedData('vuln', 'osv-go', 'data', 'osv', f), join(feed, f));
    return feed;
  }

  it('imports osv.dev-style all.zip, and skips unchanged entries by CRC without inflating them', async () => {
    const feed = await goFeed('zip-src');
    const zip = join(dir, 'all.zip');
    execFileSync('zip', ['-q', '-j', zip, ...GO_RECORDS.map((f) => join(feed, f))]);
    const first = await importSource(store, 'osv-go-zip', zip);
    assert.equal(first.written, GO_RECORDS.length);
    assert.equal(first.records, GO_RECORDS.length);
    const rows = await store.affected('Go', ['github.com/opencontainers/runc']);
    assert.ok(rows.some((r) => r.advisoryId === 'GO-2024-2491'));
    const again = await importSource(store, 'osv-go-zip', zip);
    assert.equal(again.written, 0);
    assert.equal(again.parsed, 0, 'unchanged entries are not parsed');
    assert.equal(again.unchangedFiles, GO_RECORDS.length);
  });

  it('rewrites only what changed, deletes what disappeared', async () => {
    const feed = await goFeed('incremental');
    await importSource(store, 'osv-go-inc', feed);
    const path = join(feed, 'GO-2024-2491.json');
    const record = JSON.parse(await readFile(path, 'utf8'));
    record.summary = `${record.summary} (edited)`;
    record.modified = '2030-01-01T00:00:00Z';
    await writeFile(path, JSON.stringify(record));
    await rm(join(feed, 'GO-2022-0274.json'));
    const r = await importSource(store, 'osv-go-inc', feed);
    assert.equal(r.written, 1);
    assert.equal(r.deleted, 1);
    assert.equal(r.records, GO_RECORDS.length - 1);
    const status = (await store.sourceStatuses()).find((s) => s.source === 'osv-go-inc');
    assert.equal(status?.newestModified, '2030-01-01T00:00:00Z');
    const summary = (await store.advisories(['GO-2024-2491'])).get('GO-2024-2491');
    assert.match(summary?.summary ?? '', /\(edited\)$/);
  });

  it('skips malformed records with their reasons and imports the rest', async () => {
    const feed = await goFeed('malformed');
    await writeFile(join(feed, 'GO-9999-0001.json'), '{"id": "GO-9999-0001", "modified": "yesterday"}');
    await writeFile(join(feed, 'GO-9999-0002.json'), '{"id": "GO-9999-0002", "affected": [');
    const r = await importSource(store, 'osv-go-bad', feed);
    assert.equal(r.written, GO_RECORDS.length);
    assert.equal(r.skipped, 2);
    assert.match(
      r.skippedExamples.map((s) => `${s.path}: ${s.reason}`).join('\n'),
      /GO-9999-0001\.json: .*modified/,
    );
  });

  it('an aborted import leaves the previous contents as they were', async () => {
    const feed = await goFeed('abort');
    await importSource(store, 'osv-go-abort', feed);
    const before = await store.sourceStatuses();
    await rm(join(feed, 'GO-2024-2491.json'));
    const controller = new AbortController();
    await assert.rejects(
      importSource(store, 'osv-go-abort', feed, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.files >= 2) controller.abort();
        },
      }),
      (e: { code?: string }) => e.code === ErrorCodes.ABORTED,
    );
    assert.deepEqual(await store.sourceStatuses(), before);
    const rows = await store.affected('Go', ['github.com/opencontainers/runc']);
    assert.ok(rows.some((r) => r.source === 'osv-go-abort' && r.advisoryId === 'GO-2024-2491'));
  });

  it('merges one id published by several files (AlmaLinux 8 and 9 both publish ALSA-2024:0265)', async () => {
    const feed = join(dir, 'alma');
    for (const release of ['almalinux8', 'almalinux9']) {
      await mkdir(join(feed, release), { recursive: true });
      await cp(
        sharedData('vuln', 'osv-almalinux', 'advisories', release, 'ALSA-2024:0265.json'),
        join(feed, release, 'ALSA-2024:0265.json'),
      );
    }
    const r = await importSource(store, 'alma-dup', feed);
    assert.equal(r.records, 1);
    const record8 = JSON.parse(
      await readFile(
        sharedData('vuln', 'osv-almalinux', 'advisories', 'almalinux8', 'ALSA-2024:0265.json'),
        'utf8',
      ),
    );
    const record9 = JSON.parse(
      await readFile(
        sharedData('vuln', 'osv-almalinux', 'advisories', 'almalinux9', 'ALSA-2024:0265.json'),
        'utf8',
      ),
    );
    const expected = new Set(
      [...record8.affected, ...record9.affected].map(
        (a: { package: { ecosystem: string } }) => a.package.ecosystem,
      ),
    );
    // Every release's entries survive the merge (looked up by the packages both files name).
    const names = [...record8.affected, ...record9.affected].map(
      (a: { package: { name: string } }) => a.package.name,
    );
    const all = [
      ...(await store.affected('AlmaLinux:8', names)),
      ...(await store.affected('AlmaLinux:9', names)),
    ].filter((x) => x.source === 'alma-dup');
    assert.deepEqual(new Set(all.map((x) => x.affected.ecosystem)), expected);
    const again = await importSource(store, 'alma-dup', feed);
    assert.equal(again.written, 0);
    assert.equal(again.deleted, 0);
  });
});
