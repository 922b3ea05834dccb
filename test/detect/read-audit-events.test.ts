import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { registerAuditCommand } from '../../src/cli/commands/audit-command.ts';
import { createAuditEngine } from '../../src/detect/audit/audit-engine.ts';
import { toFalcoJson } from '../../src/detect/audit/falco-json.ts';
import {
  newReadAuditStats,
  type ReadAuditOptions,
  readAuditEvents,
} from '../../src/detect/audit/read-audit-events.ts';
import { k8sAuditSource } from '../../src/detect/k8s-audit/k8s-audit-source.ts';
import { loadRules } from '../../src/detect/rules/load-rules.ts';

const ev = (verb: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Event',
  verb,
  stageTimestamp: '2024-01-02T03:04:05.123456Z',
  user: { username: 'alice' },
  ...extra,
});

async function read(input: string | Buffer, options: Omit<ReadAuditOptions, 'stats'> = {}) {
  const stats = newReadAuditStats();
  const events: unknown[] = [];
  for await (const e of readAuditEvents(Readable.from([Buffer.from(input)]), { ...options, stats }))
    events.push(e);
  return { events, stats };
}

describe('readAuditEvents', () => {
  it('reads JSON lines, counting malformed lines with their numbers and going on', async () => {
    const text = [JSON.stringify(ev('get')), '{oops', '', '42', JSON.stringify(ev('list')), ''].join('\n');
    const { events, stats } = await read(text);
    assert.deepEqual(
      events.map((e) => (e as { verb: string }).verb),
      ['get', 'list'],
    );
    assert.equal(stats.events, 2);
    assert.equal(stats.malformed, 2);
    assert.deepEqual(
      stats.malformedSamples.map((m) => m.line),
      [2, 4],
    );
    assert.match(stats.malformedSamples[0]!.reason, /invalid JSON/);
  });

  it('reads a JSON array, an EventList, a pretty-printed document and gzip', async () => {
    const arr = JSON.stringify([ev('a'), ev('b')], null, 2);
    assert.equal((await read(arr)).events.length, 2);
    const list = JSON.stringify({ kind: 'EventList', items: [ev('a'), ev('b'), ev('c')] });
    assert.equal((await read(`${list}\n${list}\n`)).events.length, 6);
    assert.equal((await read(JSON.stringify(ev('x'), null, 2))).events.length, 1);
    const gz = gzipSync(Buffer.from(`${list}\n${JSON.stringify(ev('d'))}\r\n`));
    assert.equal((await read(gz)).events.length, 4);
  });

  it('rejects non-events and oversized lines, keeps reading', async () => {
    const big = JSON.stringify(ev('big', { pad: 'x'.repeat(200) }));
    const { events, stats } = await read(`{"kind": 0}\n${big}\n${JSON.stringify(ev('ok'))}`, {
      maxLineBytes: 150,
    });
    assert.equal(events.length, 1);
    assert.equal(stats.malformed, 2);
    assert.match(stats.malformedSamples[0]!.reason, /data not recognized as a k8s audit event/);
    assert.match(stats.malformedSamples[1]!.reason, /longer than 150 bytes/);
  });
});

const RULES = `
- macro: is_delete
  condition: ka.verb=delete
- rule: Delete by user
  desc: d
  condition: is_delete
  output: deleted by %ka.user.name
  priority: WARNING
  source: k8s_audit
  tags: [k8s]
`;

describe('createAuditEngine', () => {
  it('gives Falco-shaped alerts with the event time', async () => {
    const loaded = loadRules([{ path: 'r.yaml', text: RULES }], new Map([['k8s_audit', k8sAuditSource]]));
    assert.ok(loaded.ok);
    const engine = createAuditEngine(loaded);
    const alerts = [ev('get'), ev('delete'), {}].flatMap((e) => engine.process(e));
    assert.equal(alerts.length, 1);
    const a = alerts[0]!;
    assert.equal(a.rule, 'Delete by user');
    assert.equal(a.output, 'deleted by alice');
    assert.equal(a.source, 'k8s_audit');
    assert.match(a.time ?? '', /^2024-01-02T03:04:05\.123456/);
    assert.equal(toFalcoJson(a).priority, 'Warning');
  });
});

describe('bulwark audit', () => {
  it('refuses --follow on stdin', async () => {
    const program = new Command().exitOverride();
    registerAuditCommand(program, new AbortController().signal);
    await assert.rejects(
      program.parseAsync(['audit', '-', '--follow'], { from: 'user' }),
      /--follow needs a file/,
    );
  });

  it('stops with the load errors when a rules file does not load', async () => {
    const program = new Command().exitOverride();
    registerAuditCommand(program, new AbortController().signal);
    await assert.rejects(
      program.parseAsync(['audit', '-', '--rules', 'package.json'], { from: 'user' }),
      /rules failed to load/,
    );
  });
});
