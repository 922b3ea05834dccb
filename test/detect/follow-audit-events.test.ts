import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { type FollowAuditOptions, followAuditEvents } from '../../src/detect/audit/follow-audit-events.ts';
import { newReadAuditStats } from '../../src/detect/audit/read-audit-events.ts';

const line = (verb: string): string =>
  `${JSON.stringify({ kind: 'Event', verb, user: { username: 'u' } })}\n`;

/** Follows `path` in the background, collecting the verbs of the events read. */
function follow(path: string, options: Partial<Omit<FollowAuditOptions, 'signal' | 'stats'>> = {}) {
  const controller = new AbortController();
  const stats = newReadAuditStats();
  const verbs: string[] = [];
  const notices: string[] = [];
  const done = (async () => {
    for await (const e of followAuditEvents(path, {
      signal: controller.signal,
      pollMs: 20,
      stats,
      onNotice: (m) => notices.push(m),
      ...options,
    })) {
      verbs.push((e as { verb: string }).verb);
    }
  })();
  return {
    verbs,
    stats,
    notices,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

describe('followAuditEvents', () => {
  let dir: string;
  let n = 0;
  const fresh = () => join(dir, `audit-${++n}.log`);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-follow-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads what is there, then appended lines; holds a partial line; counts a malformed one', async () => {
    const path = fresh();
    await writeFile(path, line('a') + line('b'));
    const f = follow(path);
    await until(() => f.verbs.length === 2, 'the existing lines');
    await appendFile(path, '{not json\n');
    const [first, second] = [line('c').slice(0, 10), line('c').slice(10)];
    await appendFile(path, first!);
    await delay(60); // several polls: the half line must not be given out yet
    assert.deepEqual(f.verbs, ['a', 'b']);
    await appendFile(path, second! + line('d'));
    await until(() => f.verbs.length === 4, 'the completed line');
    await f.stop();
    assert.deepEqual(f.verbs, ['a', 'b', 'c', 'd']);
    assert.equal(f.stats.events, 4);
    assert.equal(f.stats.malformed, 1);
    assert.equal(f.stats.malformedSamples[0]!.line, 3);
    assert.match(f.stats.malformedSamples[0]!.reason, /invalid JSON/);
  });

  it('starts at the end with fromEnd', async () => {
    const path = fresh();
    await writeFile(path, line('old'));
    const f = follow(path, { fromEnd: true });
    await delay(60);
    await appendFile(path, line('new'));
    await until(() => f.verbs.length === 1, 'the appended line');
    await f.stop();
    assert.deepEqual(f.verbs, ['new']);
  });

  it('with fromEnd, reads whole a line that was being written when following started', async () => {
    const path = fresh();
    const partial = line('new');
    await writeFile(path, line('old') + partial.slice(0, 15));
    const f = follow(path, { fromEnd: true });
    await delay(60);
    await appendFile(path, partial.slice(15));
    await until(() => f.verbs.length === 1, 'the finished line');
    await f.stop();
    assert.deepEqual(f.verbs, ['new']);
    assert.equal(f.stats.malformed, 0);
  });

  it('follows rename-and-create rotation, draining the old file first', async () => {
    const path = fresh();
    await writeFile(path, line('a'));
    const f = follow(path);
    await until(() => f.verbs.length === 1, 'the first line');
    await rename(path, `${path}.1`);
    // The writer still had a line for the old file, and the new file is only created a bit later.
    await appendFile(`${path}.1`, line('b'));
    await delay(60);
    await writeFile(path, line('c') + line('d'));
    await until(() => f.verbs.length === 4, 'the new file');
    await appendFile(path, line('e'));
    await until(() => f.verbs.length === 5, 'a line appended to the new file');
    await f.stop();
    assert.deepEqual(f.verbs, ['a', 'b', 'c', 'd', 'e']);
    assert.ok(f.notices.some((m) => /rotated/.test(m)));
  });

  it('ends an unfinished line at rotation instead of gluing it to the new file', async () => {
    const path = fresh();
    await writeFile(path, line('a') + line('b').slice(0, 12));
    const f = follow(path);
    await until(() => f.verbs.length === 1, 'the first line');
    await rename(path, `${path}.1`);
    await writeFile(path, line('c'));
    await until(() => f.verbs.length === 2, 'the new file');
    await f.stop();
    assert.deepEqual(f.verbs, ['a', 'c']);
    assert.equal(f.stats.malformed, 1);
  });

  it('reads a truncated file again from its start (copytruncate)', async () => {
    const path = fresh();
    await writeFile(path, line('a') + line('b') + line('c'));
    const f = follow(path);
    await until(() => f.verbs.length === 3, 'the first lines');
    await truncate(path, 0);
    await appendFile(path, line('d'));
    await until(() => f.verbs.length === 4, 'the line after truncation');
    await f.stop();
    assert.deepEqual(f.verbs, ['a', 'b', 'c', 'd']);
    assert.ok(f.notices.some((m) => /truncated/.test(m)));
  });

  it('waits for a missing file, and polls without fs.watch', async () => {
    const path = fresh();
    const f = follow(path, { watch: false, fromEnd: true });
    await until(() => f.notices.length === 1, 'the missing-file notice');
    assert.match(f.notices[0]!, /does not exist; waiting/);
    await writeFile(path, line('a'));
    await until(() => f.verbs.length === 1, 'the created file, read from its start');
    await f.stop();
    assert.deepEqual(f.verbs, ['a']);
  });

  it('counts an over-long line as malformed without keeping it', async () => {
    const path = fresh();
    await writeFile(path, `${'x'.repeat(5000)}\n${line('a')}`);
    const f = follow(path, { maxLineBytes: 200, chunkBytes: 512 });
    await until(() => f.verbs.length === 1, 'the line after the long one');
    await f.stop();
    assert.equal(f.stats.malformed, 1);
    assert.match(f.stats.malformedSamples[0]!.reason, /longer than 200 bytes/);
  });

  it('ends promptly when aborted, even in a long wait', async () => {
    const path = fresh();
    await writeFile(path, line('a'));
    const f = follow(path, { pollMs: 60_000 });
    await until(() => f.verbs.length === 1, 'the first line');
    const start = Date.now();
    await f.stop();
    assert.ok(Date.now() - start < 500, `took ${Date.now() - start} ms`);
  });

  it('refuses gzip data with a clear error', async () => {
    const path = fresh();
    await writeFile(path, gzipSync(line('a')));
    await assert.rejects(follow(path).done, /cannot follow .*gzip-compressed/);
    await assert.rejects(follow(path, { fromEnd: true }).done, /cannot follow .*gzip-compressed/);
  });
});
