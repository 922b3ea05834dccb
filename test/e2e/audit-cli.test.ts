import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_ARGS, cliEnv, REPO_ROOT, runCli, runCliAsync } from '../../src/test-support/run-cli.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// `bulwark audit` with the default rule set and `bulwark rules`, through the CLI with a temp
// BULWARK_HOME: Falco's real k8s_audit_rules.yaml and its real audit traces (../shared/data/k8s).

const falcoRules = () =>
  sharedData('k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml');
const trace = (name: string) =>
  sharedData('k8s/audit-falco/falco-legacy-tests/test/trace_files/k8s_audit', name);

const cli = (home: string, ...args: string[]) => runCli(home, args, 120_000);
const cliAsync = (home: string, ...args: string[]) => runCliAsync(home, args, 120_000);

describe('bulwark rules and audit with the default rule set', () => {
  let tmp: string;
  let n = 0;
  const freshHome = () => join(tmp, `home-${++n}`);
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'bulwark-audit-cli-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("without Falco's rules installed, audit says so and runs Bulwark's own rules", () => {
    const r = cli(freshHome(), 'audit', trace('anonymous_creates_namespace_foo.json'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Falco's k8s_audit rules are not installed in .*bulwark rules update/);
    assert.match(r.stdout, /Bulwark Anonymous Write Allowed/);
    assert.match(r.stderr, /1 events, 1 alerts, 0 malformed lines/);
  });

  it("rules import installs Falco's file; audit without --rules then gives Falco's alert", async () => {
    const home = freshHome();
    const imported = cli(home, 'rules', 'import', falcoRules());
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Installed Falco's k8s_audit rules \(\d+ rules\)/);
    const installed = join(home, 'rules', 'k8s_audit', 'k8s_audit_rules.yaml');
    assert.equal(await readFile(installed, 'utf8'), await readFile(falcoRules(), 'utf8'));

    const r = cli(home, 'audit', trace('create_nginx_pod_privileged.json'));
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /not installed/);
    assert.match(r.stdout, /WARNING +Create Privileged Pod +Pod started with privileged container/);
  });

  it('rules import refuses a file that does not load, naming it and the position; the installed file stays', async () => {
    const home = freshHome();
    assert.equal(cli(home, 'rules', 'import', falcoRules()).code, 0);
    const installed = join(home, 'rules', 'k8s_audit', 'k8s_audit_rules.yaml');
    const before = await readFile(installed, 'utf8');
    const broken = join(tmp, 'broken_rules.yaml');
    // Loads as YAML, but the condition uses a macro that neither file defines.
    await writeFile(
      broken,
      '- rule: Broken\n  desc: d\n  condition: ka.verb=create and no_such_macro\n  output: o\n' +
        '  priority: WARNING\n  source: k8s_audit\n',
    );
    const r = cli(home, 'rules', 'import', broken);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken_rules\.yaml was not installed \(the installed rules are unchanged\)/);
    assert.match(r.stderr, /broken_rules\.yaml:\d+:\d+ \(rule Broken\): .*no_such_macro/);
    assert.equal(await readFile(installed, 'utf8'), before);

    const notYaml = join(tmp, 'not_yaml.yaml');
    await writeFile(notYaml, '- rule: x\n  desc: [unclosed\n');
    const y = cli(home, 'rules', 'import', notYaml);
    assert.equal(y.code, 2);
    assert.match(y.stderr, /not_yaml\.yaml:\d+:\d+: /);
    assert.equal(await readFile(installed, 'utf8'), before);
  });

  it('--priority keeps alerts at or above a level; the summary counts alerts by rule', () => {
    const all = cli(
      freshHome(),
      'audit',
      trace('anonymous_creates_namespace_foo.json'),
      '--rules',
      falcoRules(),
    );
    assert.equal(all.code, 0, all.stderr);
    // Falco's rules raise two WARNINGs and one INFO for this event.
    assert.match(all.stdout, /INFO +K8s Namespace Created/);
    assert.match(all.stderr, /1 events, 3 alerts, 0 malformed lines\n +1 {2}Anonymous Request Allowed\n/);
    const warnings = cli(
      freshHome(),
      'audit',
      trace('anonymous_creates_namespace_foo.json'),
      '--rules',
      falcoRules(),
      '--priority',
      'Warning',
    );
    assert.equal(warnings.code, 0, warnings.stderr);
    assert.doesNotMatch(warnings.stdout, /K8s Namespace Created/);
    assert.equal(warnings.stdout.trim().split('\n').length, 2);
    assert.match(warnings.stderr, /1 events, 2 alerts/);
    const bad = cli(
      freshHome(),
      'audit',
      trace('anonymous_creates_namespace_foo.json'),
      '--priority',
      'loud',
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown priority "loud": use emergency, alert, critical/);
  });

  it('rules update downloads from --url, conditionally the second time', async () => {
    const home = freshHome();
    const body = await readFile(falcoRules());
    let conditional = 0;
    const server: Server = createServer((req, res) => {
      if (req.headers['if-none-match'] === '"falco-1"') {
        conditional++;
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag: '"falco-1"', 'content-type': 'text/yaml' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const url = `http://127.0.0.1:${port}/falcosecurity/plugins/k8s_audit_rules.yaml`;
      const first = await cliAsync(home, 'rules', 'update', '--url', url);
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        new RegExp(`Installed Falco's k8s_audit rules \\(\\d+ rules\\) from ${url}`),
      );
      assert.deepEqual(await readFile(join(home, 'rules', 'k8s_audit', 'k8s_audit_rules.yaml')), body);
      const second = await cliAsync(home, 'rules', 'update', '--url', url);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /unchanged upstream \(HTTP 304\)/);
      assert.equal(conditional, 1, 'the second update asked with If-None-Match and got 304');
    } finally {
      server.close();
    }
  });

  it('rules list -f json gives each file with its rule count and every enabled rule', () => {
    const home = freshHome();
    assert.equal(cli(home, 'rules', 'import', falcoRules()).code, 0);
    const r = cli(home, 'rules', 'list', '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as {
      files: { path: string; rules: number }[];
      rules: { name: string; priority: string; file: string | null }[];
    };
    assert.ok(list.files.length >= 2);
    assert.match(
      list.files[0]!.path,
      /rules\/k8s_audit\/k8s_audit_rules\.yaml$/,
      'installed files come first',
    );
    // Falco's file defines 48 enabled k8s_audit rules; Bulwark's rules file 4, its correlations file
    // only correlations.
    assert.deepEqual(
      list.files.map((f) => [basename(f.path), f.rules, (f as { correlations?: number }).correlations]),
      [
        ['k8s_audit_rules.yaml', 48, 0],
        ['bulwark_k8s_audit_correlations.yaml', 0, 4],
        ['bulwark_k8s_audit_rules.yaml', 4, 0],
      ],
    );
    assert.equal(list.rules.length, 52);
    const privileged = list.rules.find((x) => x.name === 'Create Privileged Pod');
    assert.equal(privileged?.priority, 'WARNING');
    assert.equal(privileged?.file, list.files[0]!.path);
    assert.deepEqual(
      list.rules.filter((x) => x.name.startsWith('Bulwark ')).map((x) => basename(x.file ?? '')),
      Array(4).fill('bulwark_k8s_audit_rules.yaml'),
    );
  });

  it('a correlation in an installed file is listed and raises an incident in audit', async () => {
    const home = freshHome();
    const dir = join(home, 'rules', 'k8s_audit');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'zz_local.yaml'),
      [
        '- correlation: Repeated Deletes',
        '  desc: the same user deletes three times within a minute',
        '  source: k8s_audit',
        '  within: 1m',
        '  by: [ka.user.name]',
        '  count: 3',
        '  condition: ka.verb=delete',
        '  output: repeated deletes by %ka.user.name',
        '  priority: WARNING',
        '',
      ].join('\n'),
    );
    const list = cli(home, 'rules', 'list', '-f', 'json');
    assert.equal(list.code, 0, list.stderr);
    const parsed = JSON.parse(list.stdout) as {
      files: { path: string; correlations: number }[];
      correlations: { name: string; kind: string; count: number; withinMs: number; file: string }[];
    };
    // The bundled correlations are listed too; this one comes from the installed file.
    assert.deepEqual(
      parsed.correlations.filter((c) => c.name === 'Repeated Deletes'),
      [
        {
          name: 'Repeated Deletes',
          priority: 'WARNING',
          kind: 'count',
          count: 3,
          withinMs: 60_000,
          file: join(dir, 'zz_local.yaml'),
        },
      ],
    );
    assert.ok(parsed.correlations.some((c) => c.name === 'Bulwark Anonymous Host Mount Pod Then Exec'));
    assert.equal(parsed.files.find((f) => f.path.endsWith('zz_local.yaml'))?.correlations, 1);

    const log = join(tmp, 'deletes.log');
    const del = (s: number) =>
      JSON.stringify({
        kind: 'Event',
        verb: 'delete',
        stage: 'ResponseComplete',
        stageTimestamp: `2024-01-02T03:04:0${s}Z`,
        user: { username: 'alice' },
      });
    await writeFile(log, `${[1, 2, 3].map(del).join('\n')}\n`);
    const r = cli(home, 'audit', log);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /Repeated Deletes +repeated deletes by alice +\[count of 3 events since 2024-01-02T03:04:01/,
    );
  });

  it('audit --follow prints alerts as events are appended, and the summary on SIGINT', async () => {
    const home = freshHome();
    const log = join(tmp, 'follow-audit.log');
    await writeFile(log, '');
    const child = spawn(process.execPath, [...CLI_ARGS, 'audit', '--follow', '--rules', falcoRules(), log], {
      cwd: REPO_ROOT,
      env: cliEnv(home),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = async (cond: () => boolean, what: string) => {
      const start = Date.now();
      while (!cond()) {
        if (Date.now() - start > 60_000) throw new Error(`timed out waiting for ${what}; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await appendFile(log, '{"not": json\n');
      await appendFile(log, await readFile(trace('create_nginx_pod_privileged.json')));
      await until(() => /Create Privileged Pod/.test(stdout), 'the alert');
      assert.match(stdout, /WARNING +Create Privileged Pod/);
      assert.equal(stderr.includes('events,'), false, 'no summary before the interrupt');
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      assert.match(stderr, /bulwark: 1 events, 1 alerts, 1 malformed lines/);
      assert.match(stderr, /line 1: invalid JSON/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
