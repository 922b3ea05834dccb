// An open-loop load generator for the admission benchmark, run in its own process:
//   node --import tsx bench/paced-load.ts <url> <rate> <seconds> <ca.pem> [body.json]
// Request i is due at start + i/rate whatever happened before (as wrk2 does); its latency runs
// from when it was due to when its response ended, so a stalled server is charged for the requests
// it made wait (no coordinated omission). The first second is a warm-up at the same rate (the pool
// opens its connections, each a TLS handshake) and is not counted. Prints one JSON line:
// percentiles in ms, achieved rate, over the measured seconds.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const [url, rateArg, secondsArg, caFile, bodyFile] = process.argv.slice(2);
if (!url || !rateArg || !secondsArg || !caFile) {
  console.error('usage: paced-load.ts <url> <rate> <seconds> <ca.pem> [body.json]');
  process.exit(2);
}
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const body = bodyFile ? readFileSync(bodyFile) : undefined;
const target = new URL(url);
// Enough connections that a slow response never holds the next due request back.
const pool = new Pool(target.origin, {
  connections: 64,
  pipelining: 1,
  connect: { ca: readFileSync(caFile, 'utf8') },
});
const warmup = Math.round(rate);
const total = warmup + Math.round(rate * seconds);
const latencies = new Float64Array(total);
const failed = new Uint8Array(total);
let done = 0;
const start = performance.now() + 50;

function send(i: number): void {
  const due = start + (i * 1000) / rate;
  pool
    .request({
      path: target.pathname,
      method: body ? 'POST' : 'GET',
      ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}),
    })
    .then(async (r) => {
      await r.body.arrayBuffer();
      if (r.statusCode < 200 || r.statusCode > 299) failed[i] = 2;
    })
    .catch(() => {
      failed[i] = 1;
    })
    .finally(() => {
      latencies[i] = performance.now() - due;
      done++;
    });
}

await new Promise<void>((resolve) => {
  let next = 0;
  const tick = () => {
    const now = performance.now();
    while (next < total && start + (next * 1000) / rate <= now) send(next++);
    if (next < total) setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
    else resolve();
  };
  setTimeout(tick, 50);
});
while (done < total) await new Promise((r) => setTimeout(r, 5));
const elapsed = (performance.now() - start) / 1000 - 1;
await pool.close();

const measured = total - warmup;
const sorted = [...latencies.subarray(warmup)].sort((a, b) => a - b);
const errors = failed.subarray(warmup).filter((f) => f === 1).length;
const non2xx = failed.subarray(warmup).filter((f) => f === 2).length;
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
process.stdout.write(
  `${JSON.stringify({ p50: pct(50), p90: pct(90), p99: pct(99), max: sorted.at(-1)!, rate: measured / elapsed, total: measured, errors, non2xx })}\n`,
);
