import type { Command } from 'commander';
import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';
import { readInputFile } from '../../match/filters/read-input-file.ts';
import type { AdmissionDecision } from '../../policy/admission/admission-answer.ts';
import type { AlertProcessor } from '../../server/audit-routes.ts';
import { caBundleOf } from '../ca-bundle.ts';
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
  auditRules: string[];
  /** False with `--no-audit`. */
  audit: boolean;
  apiTokenFile?: string;
  alertsRetention: string;
}

interface AuditConfigFlags {
  url: string;
  caBundle?: string;
  tokenFile?: string;
  only?: string;
}

/** A policy or a PEM file is small. */
const SMALL_FILE_BYTES = 1024 * 1024;
/** Far above any real bearer token. */
const TOKEN_FILE_BYTES = 64 * 1024;

/**
 * `--api-token-file`: the token, without the surrounding whitespace a secret mounted from a file
 * usually ends with. A token must be one printable word: it travels in an HTTP header.
 */
async function readApiToken(path: string, flag: string): Promise<string> {
  const token = (await readInputFile(path, 'API token', TOKEN_FILE_BYTES)).trim();
  if (!/^[\x21-\x7e]{16,}$/.test(token)) {
    throw new BulwarkError(
      ErrorCodes.USAGE,
      `${flag} ${path}: expected one token of at least 16 printable ASCII characters and no spaces`,
    );
  }
  return token;
}

/** `--alerts-retention`: `Nd` or `Nh` (a positive integer) → ms; `0` → 0 (keep forever). */
function parseRetention(value: string): number {
  if (value === '0') return 0;
  const m = /^([1-9][0-9]{0,5})([dh])$/.exec(value);
  if (m === null) {
    throw new BulwarkError(
      ErrorCodes.USAGE,
      `--alerts-retention ${value}: expected a number of days or hours such as 30d or 12h, or 0`,
    );
  }
  return Number(m[1]) * (m[2] === 'd' ? 24 : 1) * 60 * 60 * 1000;
}

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
 * `bulwark server`: the admission webhook and the audit webhook over HTTPS until SIGINT/SIGTERM.
 * With `--tls-self-signed`, prints the generated CA as `caBundle: <base64>` on stdout; the
 * listening address, rule notices and every non-allow decision (JSON lines) go to stderr.
 * `bulwark server audit-config` prints the API server's audit webhook and policy files.
 */
export function registerServerCommand(program: Command, signal: AbortSignal): void {
  const server = program
    .command('server')
    .description(
      'admission and audit webhooks (HTTPS): POST /admission/validate, POST /audit/webhook, GET /api/alerts, GET /healthz',
    )
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
    .option(
      '--audit-rules <file>',
      "Falco k8s_audit rules file for POST /audit/webhook, loaded in order (repeatable; default: Falco's installed rules and Bulwark's own)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--no-audit', 'serve neither POST /audit/webhook nor GET /api/alerts')
    .option(
      '--api-token-file <file>',
      'require `Authorization: Bearer <token in file>` on /audit/webhook and /api/*',
    )
    .option(
      '--alerts-retention <age>',
      'delete kept alerts older than this (Nd or Nh; 0 keeps them forever), checked hourly',
      '30d',
    )
    .action(async (flags: ServerFlags) => {
      const port = parsePort(flags.port);
      const retentionMs = parseRetention(flags.alertsRetention);
      if (!flags.audit && flags.auditRules.length > 0) {
        throw new BulwarkError(ErrorCodes.USAGE, '--audit-rules and --no-audit contradict each other');
      }
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

      const apiToken =
        flags.apiTokenFile === undefined
          ? undefined
          : await readApiToken(flags.apiTokenFile, '--api-token-file');
      // Rules load before anything opens: a rule set that does not load stops the server here.
      let engine: AlertProcessor | undefined;
      if (flags.audit) {
        const { loadAuditRuleset } = await import('../load-audit-ruleset.ts');
        const { createAuditEngine } = await import('../../detect/audit/audit-engine.ts');
        const { ruleset, notices } = await loadAuditRuleset(flags.auditRules);
        for (const n of notices) process.stderr.write(`bulwark server: ${n}\n`);
        engine = createAuditEngine(ruleset);
        const rules = ruleset.rules.filter((r) => r.source === 'k8s_audit').length;
        process.stderr.write(
          `bulwark server: audit webhook with ${rules} rules and ${ruleset.correlations.length} correlations\n`,
        );
      }

      const { openStore } = await import('../../store/open-store.ts');
      const { startServer } = await import('../../server/start-server.ts');
      const { startAlertRetention } = await import('../../server/alert-retention.ts');
      const store = await openStore({ ...storeOptions(flags.db), signal });
      try {
        const running = await startServer({
          ...(engine === undefined ? {} : { audit: { engine, store } }),
          ...(apiToken === undefined ? {} : { apiToken }),
          port,
          host: flags.host,
          tls,
          store,
          policy,
          service: flags.service,
          namespace: flags.namespace,
          onDecision: logDecision,
        });
        const retention =
          engine === undefined || retentionMs === 0
            ? undefined
            : startAlertRetention(store, {
                keepMs: retentionMs,
                onPruned: (n, olderThan) =>
                  process.stderr.write(`bulwark server: deleted ${n} alerts older than ${olderThan}\n`),
                onError: (e) =>
                  process.stderr.write(`bulwark server: pruning old alerts failed: ${errorMessage(e)}\n`),
              });
        if (running.caBundle !== undefined) process.stdout.write(`caBundle: ${running.caBundle}\n`);
        process.stderr.write(
          `bulwark server: listening on ${running.url} (policy ${policy.source}: mode ${policy.mode}, profile ${policy.profile})\n`,
        );
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await retention?.stop();
        await running.close();
      } finally {
        await store.close();
      }
    });
  registerAuditConfig(server);
}

function registerAuditConfig(server: Command): void {
  server
    .command('audit-config')
    .description(
      "print kube-apiserver's --audit-webhook-config-file (a kubeconfig naming this server) and a starting --audit-policy-file",
    )
    .requiredOption('--url <url>', 'https://… address of POST /audit/webhook as the API server reaches it')
    .option('--ca-bundle <pem|file|base64>', 'CA that signed the server certificate')
    .option('--token-file <file>', 'the token given to `bulwark server --api-token-file`')
    .option('--only <file>', 'print only one file: webhook or policy')
    .action(async (flags: AuditConfigFlags) => {
      let url: URL;
      try {
        url = new URL(flags.url);
      } catch {
        throw new BulwarkError(ErrorCodes.USAGE, `--url "${flags.url}": not a URL`);
      }
      if (url.protocol !== 'https:') {
        throw new BulwarkError(ErrorCodes.USAGE, `--url "${flags.url}": the server only speaks HTTPS`);
      }
      if (url.pathname === '/' || url.pathname === '') url.pathname = '/audit/webhook';
      if (flags.only !== undefined && flags.only !== 'webhook' && flags.only !== 'policy') {
        throw new BulwarkError(ErrorCodes.USAGE, `--only "${flags.only}": use webhook or policy`);
      }
      const { auditPolicyYaml, auditWebhookKubeconfig } = await import(
        '../../server/audit-webhook-config.ts'
      );
      const parts: string[] = [];
      if (flags.only !== 'policy') {
        const token =
          flags.tokenFile === undefined ? undefined : await readApiToken(flags.tokenFile, '--token-file');
        const caBundle = flags.caBundle === undefined ? undefined : await caBundleOf(flags.caBundle);
        parts.push(
          auditWebhookKubeconfig({
            url: url.toString(),
            ...(caBundle === undefined ? {} : { caBundle }),
            ...(token === undefined ? {} : { token }),
          }),
        );
      }
      if (flags.only !== 'webhook') parts.push(auditPolicyYaml());
      process.stdout.write(parts.join('---\n'));
    });
}
