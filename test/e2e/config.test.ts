import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The seed attack on an unprotected cluster, as a release pipeline would see it: a manifest whose
// pod mounts the host's / (to write its crontab) with a privileged container, a binding giving
// system:anonymous cluster-admin, and a Dockerfile with the usual mistakes. `bulwark config` must
// catch it and `bulwark gate` must fail the release.

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ATTACK = `apiVersion: v1
kind: Pod
metadata:
  name: attacker
  namespace: default
spec:
  containers:
    - name: shell
      image: busybox
      command: ["sh", "-c", "echo '* * * * * root sh -i' >> /host/etc/crontab"]
      securityContext:
        privileged: true
      volumeMounts:
        - name: host
          mountPath: /host
  volumes:
    - name: host
      hostPath:
        path: /
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: anon-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: User
    name: system:anonymous
    apiGroup: rbac.authorization.k8s.io
`;

const DOCKERFILE = `FROM ubuntu:latest
RUN curl -sSL https://example.com/install.sh | sh
ENV DB_PASSWORD=hunter2
`;

interface Misconfiguration {
  ruleId: string;
  severity: string;
  resource: { kind: string; name?: string };
  location: { file: string; startLine?: number; path?: string };
}

describe('bulwark config and the release gate on the seed attack', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-config-'));
    await writeFile(join(dir, 'attack.yaml'), ATTACK);
    await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('finds the host / mount, the privileged container, anonymous cluster-admin and the Dockerfile secrets, with lines and paths', () => {
    const r = cli('config', dir, '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    const found: Misconfiguration[] = JSON.parse(r.stdout).misconfigurations;
    const at = (id: string) => found.find((f) => f.ruleId === id);
    assert.deepEqual(
      { ...at('BW-K8S-109')?.location, severity: at('BW-K8S-109')?.severity },
      { file: 'attack.yaml', startLine: 19, path: 'spec.volumes[0].hostPath.path', severity: 'CRITICAL' },
    );
    assert.equal(at('BW-K8S-003')?.location.path, 'spec.containers[0].securityContext.privileged');
    assert.equal(at('BW-K8S-205')?.resource.name, 'anon-admin');
    assert.equal(at('BW-DF-005')?.location.startLine, 3);
    assert.equal(at('BW-DF-004')?.location.startLine, 2);
  });

  it('--exit-code fails the pipeline, and a suppressed object does not', async () => {
    assert.equal(
      cli('config', join(dir, 'attack.yaml'), '--exit-code', '4', '--severity', 'CRITICAL').code,
      4,
    );
    const clean = join(dir, 'clean');
    await writeFile(
      `${clean}.yaml`,
      ATTACK.split('---')[0]!.replace(
        '  namespace: default\n',
        '  namespace: default\n  annotations:\n    bulwark.dev/ignore: BW-K8S-003,BW-K8S-005,BW-K8S-109\n    bulwark.dev/ignore-reason: node debugging pod, approved in SEC-123\n',
      ),
    );
    const r = cli('config', `${clean}.yaml`, '-f', 'json', '--exit-code', '4', '--severity', 'CRITICAL');
    assert.equal(r.code, 0, r.stdout);
    const hidden = JSON.parse(r.stdout).misconfigurations.filter(
      (f: { suppressed?: unknown }) => f.suppressed,
    );
    assert.equal(hidden.length, 2);
  });

  it('bulwark gate fails the release on the config report and names the rules', async () => {
    const report = join(dir, 'config.json');
    assert.equal(cli('config', dir, '-f', 'json', '-o', report).code, 0);
    const policy = join(dir, 'policy.yaml');
    await writeFile(policy, 'rules:\n  - max-config-severity: HIGH\n  - deny-rules: [BW-K8S-205]\n');
    const r = cli('gate', '--policy', policy, report);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /BW-K8S-109 \(CRITICAL\) Pod\/default\/attacker/);
    assert.match(r.stdout, /BW-K8S-205/);
  });

  it('sarif output names the file and line of each finding', () => {
    const r = cli('config', join(dir, 'attack.yaml'), '-f', 'sarif');
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { region: { startLine: number } } }[];
    }[];
    const mount = results.find((x) => x.ruleId === 'BW-K8S-109');
    assert.equal(mount?.locations[0]?.physicalLocation.region.startLine, 19);
  });

  it('bad input: malformed YAML and an alias bomb are named, the rest is still checked', async () => {
    const bad = join(dir, 'bad');
    await rm(bad, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(bad));
    await writeFile(join(bad, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    await writeFile(
      join(bad, 'bomb.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  ${bomb.join('\n  ')}\n`,
    );
    await writeFile(join(bad, 'attack.yaml'), ATTACK);
    const r = cli('config', bad, '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const errors = out.errors
      .map((e: { path: string; message: string }) => `${e.path}: ${e.message}`)
      .join('\n');
    assert.match(errors, /broken\.yaml: line \d+/);
    assert.match(errors, /bomb\.yaml/);
    assert.ok(out.misconfigurations.some((f: Misconfiguration) => f.ruleId === 'BW-K8S-109'));
  });
});
