// `npm run bench`: Bulwark's speed and memory against baselines measured in the same run, in six
// benchmarks: `image` (bulwark sbom on a large many-layer image; image-bench.ts), `lang`
// (bulwark fs on a node_modules tree and a directory of jars; lang-bench.ts), `vulndb`
// (advisory import and matching; vulndb-bench.ts), `admission` (webhook latency under load;
// admission-bench.ts), `audit` (k8s audit detection over a million events; audit-bench.ts) and
// `audit-webhook` (events/s through bulwark server's audit webhook, stored; audit-webhook-bench.ts).
// All run by default; `npm run bench -- vulndb` runs one. See bench/README.md.
import { runAdmissionBench } from './admission-bench.ts';
import { runAuditBench } from './audit-bench.ts';
import { runAuditWebhookBench } from './audit-webhook-bench.ts';
import { runImageBench } from './image-bench.ts';
import { runLangBench } from './lang-bench.ts';
import { runVulndbBench } from './vulndb-bench.ts';

const BENCHES = {
  image: runImageBench,
  lang: runLangBench,
  vulndb: runVulndbBench,
  admission: runAdmissionBench,
  audit: runAuditBench,
  'audit-webhook': runAuditWebhookBench,
} as const;
type BenchName = keyof typeof BENCHES;
const isBench = (a: string): a is BenchName => Object.hasOwn(BENCHES, a);

const args = process.argv.slice(2);
const unknown = args.filter((a) => !isBench(a));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const chosen: BenchName[] = args.length
  ? [...new Set(args.filter(isBench))]
  : ['image', 'lang', 'vulndb', 'admission', 'audit', 'audit-webhook'];
let exitCode = 0;
for (const [i, name] of chosen.entries()) {
  if (i > 0) console.log('');
  console.error(`== ${name} benchmark ==`);
  exitCode = Math.max(exitCode, await BENCHES[name]());
}
process.exitCode = exitCode;
