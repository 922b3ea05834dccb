// One measured run of the audit benchmark, in its own process (audit-bench.ts pins it to a core):
// `node --import tsx bench/audit-bench-child.ts <mode> <events.jsonl> [rules.yaml…]`. Prints one
// JSON line on stdout: events, alerts (count and a checksum of the alerts in order), the wall and
// CPU seconds of the timed part (reading and processing; loading the rules is timed apart) and RSS
// samples.
//
// Modes:
// - `floor`: read the file in 1 MiB chunks, split lines, decode UTF-8, JSON.parse each line: the
//   least any JSON-lines reader must do (no generators, no per-line copies).
// - `reader`: readAuditEventBatches alone (what the reader costs above the floor).
// - `indexed`: readAuditEventBatches + createAuditEngine as shipped (rules and correlations dispatched on
//   the source's index fields).
// - `unindexed`: the same with no index (every rule and correlation meets every event).

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AuditAlert } from '../src/core/audit-alert.ts';
import { type AuditRuleset, createAuditEngine } from '../src/detect/audit/audit-engine.ts';
import { readAuditEventBatches } from '../src/detect/audit/read-audit-events.ts';
import { k8sAuditSource } from '../src/detect/k8s-audit/k8s-audit-source.ts';
import { loadRules } from '../src/detect/rules/load-rules.ts';

export type AuditBenchMode = 'floor' | 'reader' | 'indexed' | 'unindexed';

export interface AuditChildResult {
  readonly mode: AuditBenchMode;
  readonly events: number;
  readonly alerts: number;
  /** A hash over every alert's rule and output length, in order: equal runs raise equal alerts. */
  readonly alertChecksum: string;
  readonly rules: number;
  readonly correlations: number;
  readonly loadSeconds: number;
  /** Wall-clock seconds of the timed part. */
  readonly seconds: number;
  /** CPU seconds (user + system, every thread) of the timed part: what other work on the core does not inflate. */
  readonly cpuSeconds: number;
  /** RSS in MiB after every SAMPLE_EVERY events. */
  readonly rssMb: readonly number[];
}

export const SAMPLE_EVERY = 100_000;

async function* floorEvents(path: string): AsyncGenerator<unknown[]> {
  // Yields a batch per chunk, so the floor pays no per-event generator step either.
  let rest: Buffer | undefined;
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk: Buffer = rest === undefined ? (read as Buffer) : Buffer.concat([rest, read as Buffer]);
    const batch: unknown[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (nl > start) batch.push(JSON.parse(chunk.toString('utf8', start, nl)));
      start = nl + 1;
    }
    rest = start < chunk.length ? chunk.subarray(start) : undefined;
    yield batch;
  }
  if (rest !== undefined && rest.length > 0) yield [JSON.parse(rest.toString('utf8'))];
}

async function loadBenchRules(paths: readonly string[]): Promise<AuditRuleset> {
  const files = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
  const loaded = loadRules(files, new Map([['k8s_audit', k8sAuditSource]]));
  if (!loaded.ok) {
    const why = loaded.errors.map((e) => `${e.file}:${e.line ?? '?'}: ${e.message}`).join('\n');
    throw new Error(`the rules do not load:\n${why}`);
  }
  return { rules: loaded.rules, correlations: loaded.correlations };
}

function engineFor(mode: AuditBenchMode, ruleset: AuditRuleset) {
  if (mode === 'indexed') return createAuditEngine(ruleset);
  if (mode === 'unindexed') return createAuditEngine(ruleset, { unindexed: true });
  return undefined;
}

export async function runAuditChild(
  mode: AuditBenchMode,
  path: string,
  rulesPaths: readonly string[],
): Promise<AuditChildResult> {
  const loadStart = performance.now();
  const ruleset = mode === 'floor' || mode === 'reader' ? { rules: [] } : await loadBenchRules(rulesPaths);
  const engine = engineFor(mode, ruleset);
  const loadSeconds = (performance.now() - loadStart) / 1000;

  let events = 0;
  let alerts = 0;
  let checksum = 0x811c9dc5;
  const rssMb: number[] = [];
  // Rule names as small numbers, so the checksum costs a map look-up per alert, not a pass over text.
  const ruleIds = new Map<string, number>();
  const mix = (value: number) => {
    checksum = Math.imul(checksum ^ value, 0x01000193);
  };
  const take = (event: unknown) => {
    events++;
    if (engine !== undefined) {
      const raised: AuditAlert[] = engine.process(event);
      alerts += raised.length;
      for (const a of raised) {
        let id = ruleIds.get(a.rule);
        if (id === undefined) {
          id = ruleIds.size;
          ruleIds.set(a.rule, id);
        }
        mix(id);
        mix(a.output.length);
      }
    } else if (event === undefined) alerts--; // keeps the parsed value observably used
    if (events % SAMPLE_EVERY === 0) rssMb.push(process.memoryUsage.rss() / (1 << 20));
  };

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (mode === 'floor') {
    for await (const batch of floorEvents(path)) for (const e of batch) take(e);
  } else {
    // As `bulwark audit <file>` reads: batches of events per chunk.
    for await (const batch of readAuditEventBatches(path)) for (const e of batch) take(e);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    mode,
    events,
    alerts,
    alertChecksum: (checksum >>> 0).toString(16).padStart(8, '0'),
    rules: ruleset.rules.length,
    correlations: ruleset.correlations?.length ?? 0,
    loadSeconds,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb,
  };
}

const MODES: readonly AuditBenchMode[] = ['floor', 'reader', 'indexed', 'unindexed'];
const isMode = (m: string | undefined): m is AuditBenchMode => MODES.includes(m as AuditBenchMode);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, path, ...rulesPaths] = process.argv.slice(2);
  if (!isMode(mode) || path === undefined) {
    console.error(`usage: audit-bench-child.ts <${MODES.join('|')}> <events.jsonl> [rules.yaml…]`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await runAuditChild(mode, path, rulesPaths))}\n`);
}
