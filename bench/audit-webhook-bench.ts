// The audit webhook benchmark (`npm run bench -- audit-webhook`): how many audit events per second
// `bulwark server` takes at POST /audit/webhook, as the API server's webhook backend sends them
// (EventList batches of 400, its default --audit-webhook-batch-max-size, one after another on one
// keep-alive connection), with every alert stored in SQLite. The server runs in its own process,
// pinned to core 1, with Falco's rules and Bulwark's; the client on core 0. Baseline, in the same
// run: the same events read from a file and run through the same engine (audit-bench-child.ts
// `indexed`, pinned to core 1), so the ratio is what HTTPS, JSON bodies and storing cost on top.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRulesFiles, auditTemplates, runAuditChild } from './audit-inputs.ts';
import { printTable, type TableRow } from './print-table.ts';
import { startServerProcess } from './start-server-process.ts';
import { writeAuditStream } from './write-audit-stream.ts';

const log = (msg: string) => console.error(msg);

/** Overridable: BENCH_AUDIT_WEBHOOK_EVENTS=50000 npm run bench -- audit-webhook. */
const EVENTS = Number(process.env.BENCH_AUDIT_WEBHOOK_EVENTS ?? 200_000);
const BATCH = 400;

interface Answer {
  readonly status: number;
  readonly body: string;
}

function post(agent: Agent, url: URL, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(agent: Agent, url: URL): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    })
      .on('error', reject)
      .end();
  });
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function runAuditWebhookBench(): Promise<number> {
  let templates: unknown[];
  let rules: string[];
  try {
    templates = await auditTemplates();
    rules = await auditRulesFiles();
  } catch (e) {
    log(`audit-webhook bench: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const count = Math.ceil(EVENTS / BATCH) * BATCH;
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-audit-webhook-bench-'));
  const file = join(dir, 'events.jsonl');
  try {
    log(`writing ${count.toLocaleString('en-US')} events (${templates.length} real events repeated)…`);
    writeAuditStream(file, templates, count);
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const bodies: string[] = [];
    for (let i = 0; i < lines.length; i += BATCH) {
      bodies.push(
        `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${lines.slice(i, i + BATCH).join(',')}]}`,
      );
    }

    log('baseline: the same events from the file through the same engine (pinned to core 1)…');
    const engine = await runAuditChild('indexed', file, rules);

    log('starting bulwark server (audit webhook, SQLite store, core 1)…');
    const { child, url, caPem } = await startServerProcess(
      join(import.meta.dirname, 'audit-webhook-bench-server.ts'),
      [join(dir, 'home'), ...rules],
      1,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: caPem });
    const latencies: number[] = [];
    let alerts = 0;
    let events = 0;
    let seconds: number;
    try {
      const target = new URL('/audit/webhook', url);
      const start = performance.now();
      for (const body of bodies) {
        const t0 = performance.now();
        const answer = await post(agent, target, body);
        latencies.push(performance.now() - t0);
        if (answer.status !== 200)
          throw new Error(`POST /audit/webhook answered ${answer.status}: ${answer.body}`);
        const got = JSON.parse(answer.body) as { events: number; alerts: number };
        events += got.events;
        alerts += got.alerts;
      }
      seconds = (performance.now() - start) / 1000;
      const newest = await get(agent, new URL('/api/alerts?limit=1', url));
      const kept = (JSON.parse(newest.body) as { alerts: { id: number }[] }).alerts[0]?.id ?? 0;
      if (kept !== alerts) throw new Error(`the store holds ${kept} alerts, the webhook reported ${alerts}`);
    } finally {
      agent.destroy();
      child.kill('SIGTERM');
    }

    latencies.sort((a, b) => a - b);
    const rate = events / seconds;
    const engineRate = engine.events / engine.cpuSeconds;
    const rows: TableRow[] = [
      {
        measure: 'engine alone (file → engine)',
        value: `${Math.round(engineRate).toLocaleString('en-US')} events/s`,
        runs: `CPU ${engine.cpuSeconds.toFixed(2)} s; ${engine.alerts.toLocaleString('en-US')} alerts`,
      },
      {
        measure: 'POST /audit/webhook, stored',
        value: `${Math.round(rate).toLocaleString('en-US')} events/s`,
        runs: `${bodies.length} batches of ${BATCH} in ${seconds.toFixed(2)} s (wall); ${alerts.toLocaleString('en-US')} alerts stored`,
      },
      { measure: '  webhook / engine time', value: `${(engineRate / rate).toFixed(2)}×` },
      {
        measure: '  batch latency p50/p99/max',
        value: `${percentile(latencies, 50).toFixed(1)}/${percentile(latencies, 99).toFixed(1)}/${latencies.at(-1)!.toFixed(1)} ms`,
      },
      {
        measure: 'alerts (webhook = engine)',
        value: alerts.toLocaleString('en-US'),
        target: 'identical',
        met: alerts === engine.alerts,
      },
    ];
    printTable(rows);
    return alerts === engine.alerts ? 0 : 1;
  } catch (e) {
    log(`audit-webhook bench: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
