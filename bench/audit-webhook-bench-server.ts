// The server of the audit webhook benchmark, in its own process: `node --import tsx
// bench/audit-webhook-bench-server.ts <home> <rules.yaml…>` keeps alerts in the SQLite store in
// <home>, runs POST /audit/webhook with one engine over the rules files given, on a free loopback
// port with a self-signed certificate; prints `{"url":…,"caPem":…}` when ready, stops on SIGTERM.
// The same startServer and engine as `bulwark server`, without commander.
import { readFileSync } from 'node:fs';
import { createAuditEngine } from '../src/detect/audit/audit-engine.ts';
import { k8sAuditSource } from '../src/detect/k8s-audit/k8s-audit-source.ts';
import { loadRules } from '../src/detect/rules/load-rules.ts';
import { DEFAULT_ADMISSION_POLICY } from '../src/policy/admission/admission-policy.ts';
import { startServer } from '../src/server/start-server.ts';
import { openStore } from '../src/store/open-store.ts';
import { stopOnSignal } from './stop-on-signal.ts';

const [home, ...rulesPaths] = process.argv.slice(2);
if (home === undefined || rulesPaths.length === 0) {
  console.error('usage: audit-webhook-bench-server.ts <home> <rules.yaml…>');
  process.exit(2);
}
const loaded = loadRules(
  rulesPaths.map((path) => ({ path, text: readFileSync(path, 'utf8') })),
  new Map([['k8s_audit', k8sAuditSource]]),
);
if (!loaded.ok) {
  console.error(JSON.stringify(loaded.errors));
  process.exit(2);
}
const store = await openStore({ home });
const running = await startServer({
  port: 0,
  host: '127.0.0.1',
  tls: 'self-signed',
  store,
  policy: { ...DEFAULT_ADMISSION_POLICY, source: '<bench>' },
  audit: { engine: createAuditEngine(loaded), store },
});
process.stdout.write(`${JSON.stringify({ url: running.url, caPem: running.caPem })}\n`);
stopOnSignal(running, store);
