// The webhook server of the admission benchmark, in its own process: `node --import tsx
// bench/admission-bench-server.ts <home>` serves the store in <home> with a self-signed
// certificate on a free loopback port, prints `{"url":…,"caPem":…}` as one JSON line on stdout
// when ready, and stops on SIGTERM. The same startServer as `bulwark server`, without commander.
import { DEFAULT_ADMISSION_POLICY } from '../src/policy/admission/admission-policy.ts';
import { startServer } from '../src/server/start-server.ts';
import { openStore } from '../src/store/open-store.ts';
import { stopOnSignal } from './stop-on-signal.ts';

const home = process.argv[2];
if (home === undefined) {
  console.error('usage: admission-bench-server.ts <home>');
  process.exit(2);
}
const store = await openStore({ home, readonly: true });
// The full rule set: every Pod Security Standards control, best practice and RBAC.
const policy = { ...DEFAULT_ADMISSION_POLICY, source: '<bench>', profile: 'restricted' as const };
const running = await startServer({ port: 0, host: '127.0.0.1', tls: 'self-signed', store, policy });
process.stdout.write(`${JSON.stringify({ url: running.url, caPem: running.caPem })}\n`);
stopOnSignal(running, store);
