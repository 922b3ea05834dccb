import type { Command } from 'commander';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { readInputFile } from '../../match/filters/read-input-file.ts';
import type { AdmissionDecision } from '../../policy/admission/admission-answer.ts';
import { storeOptions } from '../store-options.ts';

interface ServerFlags {
  port: string;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsSelfSigned?: boolean;
  service: string;
  namespace: string;
  policy?: string;
  db?: string;
}

/** A policy or a PEM file is small. */
const SMALL_FILE_BYTES = 1024 * 1024;

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new BulwarkError(ErrorCodes.USAGE, `--port "${value}": expected a port number 0–65535`);
  }
  return n;
}

/** One JSON line per decision that is not a plain allow, on stderr: the record of audit mode. */
function logDecision(d: AdmissionDecision): void {
  if (d.verdict === 'allow') return;
  const line = {
    time: d.decidedAt,
    uid: d.uid,
    mode: d.mode,
    verdict: d.verdict,
    allowed: d.allowed,
    operation: d.operation,
    kind: d.kind,
    namespace: d.namespace,
    name: d.name,
    violations: d.violations.map((v) => ({ ruleId: v.ruleId, severity: v.severity, message: v.message })),
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/**
 * `bulwark server`: the admission webhook over HTTPS until SIGINT/SIGTERM. With
 * `--tls-self-signed`, prints the generated CA as `caBundle: <base64>` on stdout; the listening
 * address and every non-allow decision (JSON lines) go to stderr.
 */
export function registerServerCommand(program: Command, signal: AbortSignal): void {
  program
    .command('server')
    .description('admission webhook (HTTPS): POST /admission/validate, GET /healthz')
    .option('--port <port>', 'port to listen on (0: any free port)', '8443')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--tls-cert <file>', 'server certificate (PEM), with --tls-key')
    .option('--tls-key <file>', 'private key of the certificate (PEM)')
    .option('--tls-self-signed', 'make a throwaway CA and certificate (development); prints the caBundle')
    .option('--service <name>', 'Service name the self-signed certificate is valid for', 'bulwark')
    .option('--namespace <namespace>', 'namespace of that Service', 'bulwark')
    .option(
      '--policy <file>',
      'admission policy (YAML); default: baseline rules, deny HIGH+, KEV, fixable CRITICAL',
    )
    .option(
      '--db <url>',
      'postgres://… URL, or a directory for bulwark.db (default $BULWARK_DB, $BULWARK_HOME)',
    )
    .action(async (flags: ServerFlags) => {
      const port = parsePort(flags.port);
      const files = flags.tlsCert !== undefined || flags.tlsKey !== undefined;
      if (files === Boolean(flags.tlsSelfSigned)) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          'give either --tls-cert and --tls-key, or --tls-self-signed (the API server only calls webhooks over HTTPS)',
        );
      }
      if (files && (flags.tlsCert === undefined || flags.tlsKey === undefined)) {
        throw new BulwarkError(ErrorCodes.USAGE, '--tls-cert and --tls-key go together');
      }
      const tls =
        flags.tlsCert !== undefined && flags.tlsKey !== undefined
          ? {
              cert: await readInputFile(flags.tlsCert, 'certificate', SMALL_FILE_BYTES),
              key: await readInputFile(flags.tlsKey, 'private key', SMALL_FILE_BYTES),
            }
          : ('self-signed' as const);
      const { parseAdmissionPolicy } = await import('../../policy/admission/parse-admission-policy.ts');
      const { DEFAULT_ADMISSION_POLICY } = await import('../../policy/admission/admission-policy.ts');
      const policy =
        flags.policy === undefined
          ? DEFAULT_ADMISSION_POLICY
          : parseAdmissionPolicy(
              await readInputFile(flags.policy, 'admission policy', SMALL_FILE_BYTES),
              flags.policy,
            );

      const { openStore } = await import('../../store/open-store.ts');
      const { startServer } = await import('../../server/start-server.ts');
      const store = await openStore({ ...storeOptions(flags.db), signal });
      try {
        const running = await startServer({
          port,
          host: flags.host,
          tls,
          store,
          policy,
          service: flags.service,
          namespace: flags.namespace,
          onDecision: logDecision,
        });
        if (running.caBundle !== undefined) process.stdout.write(`caBundle: ${running.caBundle}\n`);
        process.stderr.write(
          `bulwark server: listening on ${running.url} (policy ${policy.source}: mode ${policy.mode}, profile ${policy.profile})\n`,
        );
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await running.close();
      } finally {
        await store.close();
      }
    });
}
