import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_ADMISSION_POLICY } from '../../src/policy/admission/admission-policy.ts';
import { parseAdmissionPolicy } from '../../src/policy/admission/parse-admission-policy.ts';
import { reviewAdmission } from '../../src/policy/admission/review-admission.ts';
import { checkK8sObjects } from '../../src/policy/kubernetes/check-k8s-objects.ts';
import { HARDENING_RULES } from '../../src/policy/kubernetes/hardening-rules.ts';
import { parseK8sText } from '../../src/policy/kubernetes/parse-k8s-text.ts';
import { PSS_RULES } from '../../src/policy/kubernetes/pss-rules.ts';
import { RBAC_RULES } from '../../src/policy/kubernetes/rbac-rules.ts';
import { defaultEvaluator } from '../../src/server/default-evaluator.ts';
import { selfSignedTls } from '../../src/server/self-signed-tls.ts';
import { eventList, expectedAlerts, falcoRulesPath, traceEvents } from './audit-trace.ts';
import { admissionReview, createRequest } from './webhook-harness.ts';

// The two commands as a user runs them, in a child process: `bulwark admission manifest` and
// `bulwark server --tls-self-signed`.

const root = fileURLToPath(new URL('../..', import.meta.url));
const runner = join(root, 'test/server/run-commands.ts');

/** Runs the commands in a child process, as a user does; rejects with stderr on a non-zero exit. */
async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', runner, ...args],
      { cwd: root, timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
      (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve({ stdout, stderr })),
    );
  });
}

interface Probe {
  httpGet: { path: string };
}
interface Hook {
  admissionReviewVersions: string[];
  sideEffects: string;
  failurePolicy: string;
  timeoutSeconds: number;
  clientConfig: { caBundle?: string; service: { name: string; namespace: string } };
  namespaceSelector: { matchExpressions: { values: string[] }[] };
  rules: { apiGroups: string[]; operations: string[]; resources: string[] }[];
}
/** One printed document, typed with the fields the tests read (each kind has its own). */
interface ManifestDoc {
  kind: string;
  data: Record<string, string>;
  spec: {
    ports: unknown;
    template: { spec: { containers: { livenessProbe: Probe; readinessProbe: Probe }[] } };
  };
  webhooks: Hook[];
}

function docs(yamlText: string): ManifestDoc[] {
  return parseAllDocuments(yamlText).map((d) => {
    assert.deepEqual(d.errors, []);
    return d.toJS() as ManifestDoc;
  });
}

describe('bulwark admission manifest', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-manifest-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('prints the webhook configuration, Service and Deployment with the defaults', async () => {
    const { stdout } = await run(['admission', 'manifest']);
    assert.match(stdout, /^# Bulwark admission webhook\./);
    assert.match(stdout, /kubectl -n bulwark create secret tls bulwark-tls/);
    const all = docs(stdout);
    assert.deepEqual(
      all.map((d) => d.kind),
      ['Namespace', 'ConfigMap', 'Service', 'Deployment', 'ValidatingWebhookConfiguration'],
    );
    const hook = all[4]!.webhooks[0]!;
    assert.deepEqual(hook.admissionReviewVersions, ['v1']);
    assert.equal(hook.sideEffects, 'None');
    assert.equal(hook.failurePolicy, 'Fail');
    assert.equal(hook.timeoutSeconds, 5);
    assert.deepEqual(hook.clientConfig, {
      service: { name: 'bulwark', namespace: 'bulwark', path: '/admission/validate', port: 443 },
    });
    assert.deepEqual(hook.namespaceSelector.matchExpressions, [
      {
        key: 'kubernetes.io/metadata.name',
        operator: 'NotIn',
        values: ['kube-system', 'kube-public', 'kube-node-lease', 'bulwark'],
      },
    ]);
    const resources = hook.rules.flatMap((r) => {
      assert.deepEqual(r.operations, ['CREATE', 'UPDATE']);
      return r.resources.map((x: string) => `${r.apiGroups[0]}/${x}`);
    });
    assert.deepEqual(resources.sort(), [
      '/pods',
      '/replicationcontrollers',
      'apps/daemonsets',
      'apps/deployments',
      'apps/replicasets',
      'apps/statefulsets',
      'batch/cronjobs',
      'batch/jobs',
    ]);
    assert.deepEqual(all[2]!.spec.ports, [
      { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
    ]);
    const container = all[3]!.spec.template.spec.containers[0]!;
    assert.equal(container.livenessProbe.httpGet.path, '/healthz');
    assert.equal(container.readinessProbe.httpGet.path, '/healthz');
    // The ConfigMap holds the default policy, as a file the server reads.
    assert.deepEqual(parseAdmissionPolicy(all[1]!.data['admission.yaml']!, 'cm'), {
      ...DEFAULT_ADMISSION_POLICY,
      source: 'cm',
    });
  });

  it('our own rules pass on what it deploys (every profile; only the INFO digest advice)', async () => {
    const { stdout } = await run(['admission', 'manifest', '--image', 'ghcr.io/bulwark/bulwark:0.1.0']);
    const parsed = parseK8sText(stdout, 'manifest.yaml');
    assert.deepEqual(parsed.errors, []);
    const findings = checkK8sObjects(parsed.objects, [...PSS_RULES, ...HARDENING_RULES, ...RBAC_RULES], {
      profile: 'all',
    });
    assert.deepEqual(
      findings.filter((f) => f.severity !== 'INFO').map((f) => `${f.ruleId} ${f.message}`),
      [],
    );
    // And the webhook itself admits its Deployment at the strictest settings.
    const deployment = parsed.objects.find((o) => o.kind === 'Deployment')!.raw as Record<string, unknown>;
    const policy = {
      ...DEFAULT_ADMISSION_POLICY,
      profile: 'restricted' as const,
      configSeverity: 'LOW' as const,
      unscanned: 'allow' as const,
    };
    const out = await reviewAdmission(admissionReview({ ...createRequest(deployment), namespace: 'prod' }), {
      evaluate: defaultEvaluator('restricted'),
      imageState: async () => ({ scanned: false, reason: 'no saved scan' }),
      policy,
      now: () => new Date(),
    });
    assert.ok(out.ok);
    assert.deepEqual(out.decision.violations, []);
    assert.equal(out.review.response.allowed, true);
  });

  it('takes the CA bundle as a PEM file, Ignore, a timeout, another namespace and service', async () => {
    const tls = await selfSignedTls();
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, tls.caPem);
    const { stdout } = await run([
      'admission',
      'manifest',
      '--namespace',
      'security',
      '--service',
      'gate',
      '--ca-bundle',
      caFile,
      '--failure-policy',
      'Ignore',
      '--timeout',
      '10',
    ]);
    const hook = docs(stdout)[4]!.webhooks[0]!;
    assert.equal(hook.clientConfig.caBundle, tls.caBundle);
    assert.equal(hook.clientConfig.service.namespace, 'security');
    assert.equal(hook.clientConfig.service.name, 'gate');
    assert.equal(hook.failurePolicy, 'Ignore');
    assert.equal(hook.timeoutSeconds, 10);
    assert.ok(hook.namespaceSelector.matchExpressions[0]!.values.includes('security'));
    // base64 as printed by `bulwark server --tls-self-signed` works too.
    const again = await run(['admission', 'manifest', '--ca-bundle', tls.caBundle]);
    assert.equal(docs(again.stdout)[4]!.webhooks[0]!.clientConfig.caBundle, tls.caBundle);
  });

  const usage: [string[], RegExp][] = [
    [['--failure-policy', 'Maybe'], /--failure-policy "Maybe": use Fail or Ignore/],
    [['--timeout', '31'], /--timeout "31": expected whole seconds, 1–30/],
    [['--namespace', 'Bad_NS'], /--namespace "Bad_NS": expected a DNS label/],
    [['--ca-bundle', 'bm90IGEgY2VydA=='], /--ca-bundle: expected a PEM file/],
  ];
  for (const [flags, message] of usage) {
    it(`refuses ${flags.join(' ')}`, async () => {
      await assert.rejects(run(['admission', 'manifest', ...flags]), message);
    });
  }
});

/**
 * `bulwark server <args>` in a child process, once it listens; `stop` sends SIGTERM and waits.
 * BULWARK_HOME is `home` (default rules and database stay out of the user's folder).
 */
async function serverCommand(args: string[], home?: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', runner, 'server', '--port', '0', '--host', '127.0.0.1', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(home === undefined ? {} : { BULWARK_HOME: home }) },
    },
  );
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (b: Buffer) => {
    out.stdout += b.toString('utf8');
  });
  child.stderr.on('data', (b: Buffer) => {
    out.stderr += b.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (
    !/listening on https:\/\/\S+/.test(out.stderr) &&
    child.exitCode === null &&
    Date.now() - started < 30_000
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /listening on (https:\/\/\S+)/.exec(out.stderr)?.[1];
  if (url === undefined) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start: ${out.stderr}`);
  }
  return {
    url,
    out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('bulwark server', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'bulwark-server-cmd-'));
  });
  after(async () => rm(home, { recursive: true, force: true }));

  it('--tls-self-signed prints the caBundle, serves, logs denials and stops on SIGTERM', async () => {
    const server = await serverCommand(
      ['--tls-self-signed', '--db', home, '--audit-rules', falcoRulesPath()],
      home,
    );
    try {
      const caBundle = /^caBundle: (\S+)$/m.exec(server.out.stdout)?.[1];
      assert.ok(caBundle, server.out.stdout);
      assert.match(server.out.stderr, /\(policy <default>: mode enforce, profile baseline\)/);
      const agent = new Agent({ connect: { ca: Buffer.from(caBundle, 'base64').toString('utf8') } });
      const r = await request(`${server.url}/healthz`, { dispatcher: agent });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(await r.body.json(), { status: 'ok' });
      // A denial is logged to stderr as one JSON line.
      const privileged = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default' },
        spec: { containers: [{ name: 'a', image: 'nginx:1.25', securityContext: { privileged: true } }] },
      };
      const review = await request(`${server.url}/admission/validate`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admissionReview(createRequest(privileged))),
      });
      const body = (await review.body.json()) as { response: { allowed: boolean } };
      assert.equal(body.response.allowed, false);
      await agent.close();
    } finally {
      assert.equal(await server.stop(), 0);
    }
    const logged = server.out.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { verdict: string; violations: { ruleId: string }[] });
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.verdict, 'deny');
    assert.ok(logged[0]!.violations.some((v) => v.ruleId === 'BW-K8S-003'));
  });

  it('serves with --tls-cert and --tls-key, and a --policy file', async () => {
    const tls = await selfSignedTls({ service: 'gate', namespace: 'security' });
    await writeFile(join(home, 'tls.crt'), tls.cert);
    await writeFile(join(home, 'tls.key'), tls.key);
    await writeFile(join(home, 'policy.yaml'), 'mode: warn\nprofile: restricted\n');
    const server = await serverCommand(
      [
        '--tls-cert',
        join(home, 'tls.crt'),
        '--tls-key',
        join(home, 'tls.key'),
        '--policy',
        join(home, 'policy.yaml'),
        '--db',
        home,
        '--no-audit',
      ],
      home,
    );
    try {
      assert.doesNotMatch(server.out.stdout, /caBundle/);
      assert.match(server.out.stderr, /policy \S+policy\.yaml: mode warn, profile restricted/);
      const agent = new Agent({ connect: { ca: tls.caPem, servername: 'gate.security.svc' } });
      const r = await request(`${server.url}/healthz`, { dispatcher: agent });
      assert.equal(r.statusCode, 200);
      await r.body.dump();
      // --no-audit: no audit routes at all.
      const audit = await request(`${server.url}/audit/webhook`, {
        method: 'POST',
        dispatcher: agent,
        body: JSON.stringify(eventList([])),
      });
      assert.equal(audit.statusCode, 404);
      await audit.body.dump();
      await agent.close();
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.doesNotMatch(server.out.stderr, /audit webhook/);
  });

  it('--audit-rules and --api-token-file: keeps the alerts of posted batches, behind the token', async () => {
    const token = 'tok-0123456789abcdef-tok';
    await writeFile(join(home, 'api-token'), `${token}\n`);
    const db = join(home, 'audit-db');
    const server = await serverCommand(
      [
        '--tls-self-signed',
        '--db',
        db,
        '--audit-rules',
        falcoRulesPath(),
        '--api-token-file',
        join(home, 'api-token'),
      ],
      home,
    );
    const events = traceEvents();
    try {
      assert.match(server.out.stderr, /audit webhook with 48 rules and 0 correlations/);
      const caBundle = /^caBundle: (\S+)$/m.exec(server.out.stdout)![1]!;
      const agent = new Agent({ connect: { ca: Buffer.from(caBundle, 'base64').toString('utf8') } });
      const call = async (method: 'GET' | 'POST', path: string, auth: boolean, body?: unknown) => {
        const r = await request(`${server.url}${path}`, {
          method,
          dispatcher: agent,
          headers: {
            'content-type': 'application/json',
            ...(auth ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: r.statusCode, json: (await r.body.json()) as Record<string, unknown> };
      };
      assert.equal((await call('POST', '/audit/webhook', false, eventList(events))).status, 401);
      const posted = await call('POST', '/audit/webhook', true, eventList(events));
      assert.equal(posted.status, 200);
      const expected = expectedAlerts(events);
      assert.deepEqual(posted.json, { events: events.length - 1, alerts: expected.length, malformed: 1 });
      assert.equal((await call('GET', '/api/alerts', false)).status, 401);
      const listed = await call('GET', '/api/alerts?limit=1000', true);
      const alerts = listed.json.alerts as { rule: string }[];
      assert.deepEqual(
        alerts.map((a) => a.rule).reverse(),
        expected.map((a) => a.rule),
      );
      assert.equal((await call('GET', '/healthz', false)).status, 200);
      await agent.close();
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it("without --audit-rules runs the default rule set, saying when Falco's rules are not installed", async () => {
    const server = await serverCommand(['--tls-self-signed', '--db', home], home);
    try {
      assert.match(server.out.stderr, /Falco's k8s_audit rules are not installed in \S+rules\/k8s_audit/);
      assert.match(server.out.stderr, /audit webhook with [1-9]\d* rules and \d+ correlations/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('does not start when the audit rules do not load, or the token file is unusable', async () => {
    await writeFile(
      join(home, 'broken.yaml'),
      '- rule: Broken\n  desc: d\n  condition: ka.verb =\n  output: o\n  priority: WARNING\n  source: k8s_audit\n',
    );
    await assert.rejects(
      run(['server', '--tls-self-signed', '--port', '0', '--audit-rules', join(home, 'broken.yaml')], {
        BULWARK_HOME: home,
      }),
      (e: Error) => {
        assert.match(e.message, /audit rules failed to load:\n {2}\S*broken\.yaml:\d+:\d+ \(rule Broken\)/);
        assert.doesNotMatch(e.message, /listening/);
        return true;
      },
    );
    await assert.rejects(
      run(['server', '--tls-self-signed', '--audit-rules', '/nonexistent/rules.yaml'], {
        BULWARK_HOME: home,
      }),
      /cannot read rules file \/nonexistent\/rules\.yaml/,
    );
    await assert.rejects(
      run(['server', '--tls-self-signed', '--no-audit', '--audit-rules', falcoRulesPath()]),
      /--audit-rules and --no-audit contradict each other/,
    );
    await assert.rejects(
      run(['server', '--tls-self-signed', '--alerts-retention', '30 days']),
      /--alerts-retention 30 days: expected a number of days or hours such as 30d or 12h, or 0/,
    );
    await writeFile(join(home, 'short-token'), 'abc\n');
    await assert.rejects(
      run(['server', '--tls-self-signed', '--no-audit', '--api-token-file', join(home, 'short-token')]),
      /--api-token-file \S+short-token: expected one token of at least 16/,
    );
  });

  it('refuses to start without TLS, or with both kinds, or a bad port', async () => {
    await assert.rejects(
      run(['server', '--port', '0']),
      /give either --tls-cert and --tls-key, or --tls-self-signed/,
    );
    await assert.rejects(
      run(['server', '--tls-self-signed', '--tls-cert', 'a.pem', '--tls-key', 'b.pem']),
      /give either --tls-cert and --tls-key, or --tls-self-signed/,
    );
    await assert.rejects(run(['server', '--tls-cert', 'a.pem']), /--tls-cert and --tls-key go together/);
    await assert.rejects(run(['server', '--tls-self-signed', '--port', '99999']), /--port "99999"/);
    await assert.rejects(
      run(['server', '--tls-self-signed', '--policy', '/nonexistent/policy.yaml']),
      /policy\.yaml: admission policy not found/,
    );
  });
});

interface Kubeconfig {
  kind: string;
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
  users: { name: string; user: { token?: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  'current-context': string;
}
interface AuditPolicy {
  apiVersion: string;
  kind: string;
  omitStages: string[];
  rules: {
    level: string;
    nonResourceURLs?: string[];
    resources?: { group: string; resources?: string[] }[];
  }[];
}

describe('bulwark server audit-config', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-audit-config-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('prints the webhook kubeconfig and an audit Policy', async () => {
    const tls = await selfSignedTls();
    await writeFile(join(dir, 'ca.pem'), tls.caPem);
    await writeFile(join(dir, 'token'), '0123456789abcdef0123\n');
    const { stdout } = await run([
      'server',
      'audit-config',
      '--url',
      'https://10.96.0.50:443',
      '--ca-bundle',
      join(dir, 'ca.pem'),
      '--token-file',
      join(dir, 'token'),
    ]);
    const [config, policy] = parseAllDocuments(stdout).map((d) => {
      assert.deepEqual(d.errors, []);
      return d.toJS() as unknown;
    }) as [Kubeconfig, AuditPolicy];
    assert.equal(config.kind, 'Config');
    const context = config.contexts.find((c) => c.name === config['current-context'])!.context;
    const cluster = config.clusters.find((c) => c.name === context.cluster)!.cluster;
    assert.equal(cluster.server, 'https://10.96.0.50/audit/webhook');
    assert.equal(cluster['certificate-authority-data'], tls.caBundle);
    assert.equal(config.users.find((u) => u.name === context.user)!.user.token, '0123456789abcdef0123');

    assert.equal(policy.apiVersion, 'audit.k8s.io/v1');
    assert.equal(policy.kind, 'Policy');
    assert.deepEqual(policy.omitStages, ['RequestReceived']);
    const levelOf = (group: string, resource: string) =>
      policy.rules.find(
        (r) =>
          (r.resources === undefined && r.nonResourceURLs === undefined) ||
          r.resources?.some(
            (x) => x.group === group && (x.resources === undefined || x.resources.includes(resource)),
          ),
      )?.level;
    assert.equal(levelOf('', 'pods/exec'), 'RequestResponse');
    assert.equal(levelOf('', 'pods'), 'RequestResponse');
    assert.equal(levelOf('rbac.authorization.k8s.io', 'clusterrolebindings'), 'RequestResponse');
    assert.equal(levelOf('', 'secrets'), 'Metadata');
    assert.equal(levelOf('', 'configmaps'), 'Request');
    assert.equal(policy.rules.at(-1)!.level, 'Metadata');
  });

  it('--only prints one file; refuses a URL that is not HTTPS', async () => {
    const { stdout } = await run([
      'server',
      'audit-config',
      '--url',
      'https://bulwark.example/x',
      '--only',
      'webhook',
    ]);
    const docs = parseAllDocuments(stdout).map((d) => d.toJS() as Kubeconfig);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.clusters[0]!.cluster.server, 'https://bulwark.example/x');
    assert.deepEqual(docs[0]!.users[0]!.user, {});
    const policy = await run(['server', 'audit-config', '--url', 'https://x', '--only', 'policy']);
    assert.deepEqual(
      parseAllDocuments(policy.stdout).map((d) => (d.toJS() as AuditPolicy).kind),
      ['Policy'],
    );
    await assert.rejects(run(['server', 'audit-config', '--url', 'http://x']), /only speaks HTTPS/);
    await assert.rejects(
      run(['server', 'audit-config', '--url', 'https://x', '--only', 'both']),
      /--only "both"/,
    );
  });
});
