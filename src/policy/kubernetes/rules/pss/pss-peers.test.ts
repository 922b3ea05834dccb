import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigFinding } from '../../../../core/config-finding.ts';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { checkK8sObjects } from '../../check-k8s-objects.ts';
import { loadK8sManifests } from '../../load-k8s-manifests.ts';
import { PSS_RULES } from '../../pss-rules.ts';

// Our Pod Security rules against the peers' own test cases, where the checks overlap. These tests
// need ../shared/data/k8s (kubescape-regolibrary @ ce7ef32a, kubesec @ a59caad3) and fail with a
// clear message when it is missing. A difference is allowed only when it is listed below with the
// reason; a listed difference that no longer occurs fails too, so the list stays true.

async function findingsIn(path: string): Promise<ConfigFinding[]> {
  const { objects, errors } = await loadK8sManifests(path);
  assert.deepEqual(errors, [], `the peer's inputs at ${path} should all parse`);
  return checkK8sObjects(objects, PSS_RULES, { profile: 'all' });
}

// ---------------------------------------------------------------------------------------------
// Kubescape regolibrary: each rule's test/<case>/input/*.yaml with the alerts in expected.json.

interface KubescapeAlert {
  readonly failedPaths?: readonly string[] | null;
  readonly fixPaths?: readonly { readonly path: string }[] | null;
  readonly alertObject: { readonly k8sApiObjects: readonly { kind: string; metadata?: { name?: string } }[] };
}

interface KubescapeComparison {
  /** The regolibrary rule (a folder under rules/). */
  readonly rule: string;
  /** The Kubescape control our rule references for it. */
  readonly control: string;
  /** Our findings that correspond to the peer's rule. */
  readonly ours: (f: ConfigFinding) => boolean;
  /** The peer's paths that correspond to our findings' paths (default: failed and fix paths). */
  readonly peerPaths?: (a: KubescapeAlert) => readonly string[];
  /** Brings both sides' paths to one form (default: as they are). */
  readonly key?: (path: string) => string | undefined;
  /** Known, deliberate differences: `<test case>: <Kind>/<name> <key>` on one side only. */
  readonly onlyPeer?: readonly string[];
  readonly onlyOurs?: readonly string[];
}

const rule =
  (id: string, ...messageIds: string[]) =>
  (f: ConfigFinding) =>
    f.ruleId === id && (messageIds.length === 0 || messageIds.includes(f.messageId));
const allPaths = (a: KubescapeAlert) => [...(a.failedPaths ?? []), ...(a.fixPaths ?? []).map((p) => p.path)];
/** `spec.containers[1].securityContext.runAsNonRoot` → `spec.containers[1]`. */
const containerOf = (path: string) =>
  /^(.*(?:containers|initContainers|ephemeralContainers)\[\d+\])/.exec(path)?.[1];

const KUBESCAPE: readonly KubescapeComparison[] = [
  {
    // Kubescape's "privileged" also counts an added SYS_ADMIN; we report that under BW-K8S-004.
    rule: 'rule-privileged-container',
    control: 'C-0057',
    ours: (f) =>
      rule('BW-K8S-003')(f) || (rule('BW-K8S-004')(f) && f.message.includes('capability SYS_ADMIN,')),
  },
  { rule: 'host-pid-ipc-privileges', control: 'C-0038', ours: rule('BW-K8S-002', 'hostPID', 'hostIPC') },
  { rule: 'host-network-access', control: 'C-0041', ours: rule('BW-K8S-002', 'hostNetwork') },
  { rule: 'container-hostPort', control: 'C-0044', ours: rule('BW-K8S-006') },
  {
    // The peer names the volume and each mount of it; we name the volume's hostPath field.
    rule: 'alert-any-hostpath',
    control: 'C-0048',
    ours: rule('BW-K8S-005'),
    peerPaths: (a) => allPaths(a).filter((p) => /\.volumes\[\d+\]$/.test(p)),
    key: (p) => p.replace(/\.hostPath$/, ''),
  },
  {
    rule: 'insecure-capabilities',
    control: 'C-0046',
    ours: rule('BW-K8S-004'),
    // Kubescape's list of insecure capabilities and the Baseline level's allowed list differ:
    // SETPCAP is in the runtimes' default set, which Baseline allows (Kubescape flags it);
    // AUDIT_CONTROL is not in it, so Baseline forbids it (Kubescape does not flag it).
    onlyPeer: [
      'pod: Pod/test spec.containers[1].securityContext.capabilities.add[0]',
      'pod-initcontainer: Pod/test spec.initContainers[0].securityContext.capabilities.add[0]',
    ],
    onlyOurs: [
      'workloads: Deployment/my-deployment spec.template.spec.containers[1].securityContext.capabilities.add[1]',
    ],
  },
  {
    // The peer also suggests privileged: false as a fix; the control itself is allowPrivilegeEscalation.
    rule: 'rule-allow-privilege-escalation',
    control: 'C-0016',
    ours: rule('BW-K8S-014'),
    peerPaths: (a) => allPaths(a).filter((p) => p.endsWith('.allowPrivilegeEscalation')),
  },
  {
    // Compared per container. Kubescape accepts a container as non-root when runAsUser > 0 and
    // asks for runAsGroup too; the Restricted level asks for runAsNonRoot: true whatever the UID
    // and says nothing of runAsGroup. Alerts about runAsGroup alone are not this control.
    rule: 'non-root-containers',
    control: 'C-0013',
    ours: (f) => rule('BW-K8S-015', 'notSet', 'containerFalse')(f) || rule('BW-K8S-016', 'container')(f),
    peerPaths: (a) => (a.fixPaths ?? []).map((p) => p.path).filter((p) => /\.runAs(NonRoot|User)$/.test(p)),
    key: containerOf,
    onlyOurs: [
      // runAsUser > 0 without runAsNonRoot: Kubescape is satisfied, the Restricted level is not.
      'cronjob-runasuser: CronJob/hello spec.jobTemplate.spec.template.spec.containers[1]',
      // Kubescape raises an alert for this pod's ephemeral container but with no path at all.
      'pod-ephemeralcontainer: Pod/test spec.ephemeralContainers[0]',
    ],
  },
  {
    // C-0210 wants RuntimeDefault exactly; the Restricted level accepts Localhost profiles too.
    rule: 'set-seccomp-profile-RuntimeDefault',
    control: 'C-0210',
    ours: (f) => rule('BW-K8S-017')(f) || rule('BW-K8S-011')(f),
    onlyPeer: [
      'cronjob: CronJob/hello spec.jobTemplate.spec.template.spec.containers[1].securityContext.seccompProfile.type',
      'pod: Pod/audit-pod spec.containers[1].securityContext.seccompProfile.type',
      'pod: Pod/audit-pod spec.securityContext.seccompProfile.type',
      'workloads: Deployment/my-deployment spec.template.spec.containers[1].securityContext.seccompProfile.type',
    ],
  },
  {
    rule: 'set-seccomp-profile',
    control: 'C-0211',
    ours: rule('BW-K8S-017'),
    key: (p) => p.replace(/\.type$/, ''),
  },
  {
    // Kubescape wants procMount: Default written out; the Baseline level also allows it unset.
    // (Kubescape runs this check only when the API server enables ProcMountType: its inputs do.)
    rule: 'set-procmount-default',
    control: 'C-0211',
    ours: rule('BW-K8S-010'),
    onlyPeer: [
      'workload: Deployment/my-deployment spec.template.spec.containers[1].securityContext.procMount',
    ],
  },
  {
    // The peer names the whole sysctls list; we name each unsafe entry.
    rule: 'set-sysctls-params',
    control: 'C-0211',
    ours: rule('BW-K8S-012'),
    key: (p) => p.replace(/\[\d+\]\.name$/, ''),
  },
  { rule: 'set-hostprocess-true', control: 'C-0211', ours: rule('BW-K8S-001') },
];

// Not compared: set-seLinuxOptions (Kubescape asks every container to set seLinuxOptions; the
// Baseline level forbids custom types, users and roles: opposite questions), drop-capability-netraw
// and linux-hardening (hardening advice with no Pod Security control of their own).

describe('PSS rules against Kubescape regolibrary test cases', () => {
  const root = sharedData('k8s', 'kubescape-regolibrary');
  for (const c of KUBESCAPE) {
    it(`${c.rule} (${c.control}) fires where Kubescape's does`, async () => {
      const control = readdirSync(join(root, 'controls')).find((f) => f.startsWith(`${c.control}-`));
      assert.ok(control !== undefined, `control ${c.control} exists`);
      const key = c.key ?? ((p: string) => p);
      const peerPaths = c.peerPaths ?? allPaths;
      const ours = new Set<string>();
      const peer = new Set<string>();
      const testDir = join(root, 'rules', c.rule, 'test');
      for (const test of readdirSync(testDir).sort()) {
        for (const f of (await findingsIn(join(testDir, test, 'input'))).filter(c.ours)) {
          const k = key(f.location.path ?? '');
          if (k !== undefined) ours.add(`${test}: ${f.resource.kind}/${f.resource.name} ${k}`);
        }
        const expectedFile = join(testDir, test, 'expected.json');
        const text = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8').trim() : '';
        const alerts = (text === '' ? [] : JSON.parse(text)) as KubescapeAlert[];
        for (const a of alerts) {
          const obj = a.alertObject.k8sApiObjects[0]!;
          for (const p of peerPaths(a)) {
            const k = key(p);
            if (k !== undefined) peer.add(`${test}: ${obj.kind}/${obj.metadata?.name} ${k}`);
          }
        }
      }
      for (const d of c.onlyPeer ?? []) {
        assert.ok(peer.has(d) && !ours.has(d), `listed difference no longer holds (only Kubescape): ${d}`);
        peer.delete(d);
      }
      for (const d of c.onlyOurs ?? []) {
        assert.ok(ours.has(d) && !peer.has(d), `listed difference no longer holds (only Bulwark): ${d}`);
        ours.delete(d);
      }
      assert.ok(peer.size > 0, 'the comparison covers at least one alert');
      assert.deepEqual([...ours].sort(), [...peer].sort());
      const referenced = PSS_RULES.some((r) => r.references.includes(c.control));
      assert.ok(referenced, `one of our rules references ${c.control}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// kubesec: the manifests its CLI tests score, with the sign of the score they assert. kubesec's
// "critical" checks lower the score; the table says which fire on each manifest (read from
// kubesec's rules), and the test checks it against the asserted sign before comparing ours.

type KubesecCheck =
  | 'Privileged'
  | 'HostNetwork'
  | 'HostPID'
  | 'HostIPC'
  | 'CapSysAdmin'
  | 'SeccompUnconfined'
  | 'ApparmorUnconfined'
  | 'AllowPrivilegeEscalation'
  | 'DockerSock';

/** Our finding for each kubesec critical check; DockerSock is one case of our broader hostPath rule. */
const KUBESEC_OURS: Readonly<Record<KubesecCheck, (f: ConfigFinding) => boolean>> = {
  Privileged: rule('BW-K8S-003'),
  HostNetwork: rule('BW-K8S-002', 'hostNetwork'),
  HostPID: rule('BW-K8S-002', 'hostPID'),
  HostIPC: rule('BW-K8S-002', 'hostIPC'),
  CapSysAdmin: (f) => rule('BW-K8S-004')(f) && f.message.includes('capability SYS_ADMIN,'),
  SeccompUnconfined: rule('BW-K8S-011'),
  ApparmorUnconfined: rule('BW-K8S-008'),
  // kubesec penalises an explicit true only; unset is our Restricted "notSet", not kubesec's check.
  AllowPrivilegeEscalation: rule('BW-K8S-014', 'allowed'),
  DockerSock: (f) => rule('BW-K8S-005')(f) && f.message.endsWith('/var/run/docker.sock'),
};

/** Checks where ours and kubesec's must agree both ways (DockerSock only one way: any hostPath is ours). */
const BOTH_WAYS: readonly KubesecCheck[] = [
  'Privileged',
  'HostNetwork',
  'HostPID',
  'HostIPC',
  'CapSysAdmin',
  'SeccompUnconfined',
  'ApparmorUnconfined',
  'AllowPrivilegeEscalation',
];

const KUBESEC: Readonly<Record<string, readonly KubesecCheck[]>> = {
  'score-0-cap-sys-admin.yml': ['CapSysAdmin'],
  'score-0-cap-chown.yml': [],
  'score-0-cap-sys-admin-and-cap-chown.yml': ['CapSysAdmin'],
  'score-1-cap-drop-all.yml': [],
  'score-1-dep-ro-root-fs.yml': [],
  'score-1-dep-podseccon-run-as-non-root.yml': [],
  'score-1-dep-seccon-run-as-non-root.yml': [],
  'score-1-dep-podseccon-run-as-user-1.yml': [],
  'score-1-dep-seccon-run-as-user-1.yml': [],
  'score-1-dep-podseccon-run-as-user-10001.yml': [],
  'score-1-dep-seccon-run-as-user-10001.yml': [],
  'score-1-dep-podseccon-run-as-group-1.yml': [],
  'score-1-dep-seccon-run-as-group-1.yml': [],
  'score-1-dep-podseccon-run-as-group-10001.yml': [],
  'score-1-dep-seccon-run-as-group-10001.yml': [],
  'score-1-dep-empty-security-context.yml': [],
  'score-1-dep-resource-limit-cpu.yml': [],
  'score-1-dep-resource-limit-memory.yml': [],
  'score-1-statefulset-volumeclaimtemplate.yml': [],
  'score-1-statefulset-novolumeclaimtemplate.yml': [],
  'score-0-statefulset-no-sec.yml': [],
  'score-0-daemonset-securitycontext-privileged.yml': ['Privileged', 'HostNetwork', 'HostPID', 'DockerSock'],
  'score-0-daemonset-mount-docker-socket.yml': ['DockerSock'],
  'score-0-dep-apparmor-empty-securitycontext.yml': [],
  'score-1-dep-apparmor-nonunconfined-spec-securitycontext.yml': [],
  'score-0-dep-apparmor-unconfined-spec-securitycontext.yml': ['ApparmorUnconfined'],
  'score-1-dep-apparmor-nonunconfined-container.yml': [],
  'score-0-dep-apparmor-unconfined-container.yml': ['ApparmorUnconfined'],
  'score-1-dep-apparmor-nonunconfined-initcontainer.yml': [],
  'score-0-dep-apparmor-unconfined-initcontainer.yml': ['ApparmorUnconfined'],
  'score-1-dep-apparmor-nonunconfined-ephemeralcontainer.yml': [],
  'score-0-dep-apparmor-unconfined-ephemeralcontainer.yml': ['ApparmorUnconfined'],
  'score-0-dep-seccomp-empty-securitycontext.yml': [],
  'score-1-dep-seccomp-nonunconfined-spec-securitycontext.yml': [],
  'score-0-dep-seccomp-unconfined-spec-securitycontext.yml': ['SeccompUnconfined'],
  'score-1-dep-seccomp-nonunconfined-container.yml': [],
  'score-0-dep-seccomp-unconfined-container.yml': ['SeccompUnconfined'],
  'score-1-dep-seccomp-nonunconfined-initcontainer.yml': [],
  'score-0-dep-seccomp-unconfined-initcontainer.yml': ['SeccompUnconfined'],
  'score-1-dep-seccomp-nonunconfined-ephemeralcontainer.yml': [],
  'score-0-dep-seccomp-unconfined-ephemeralcontainer.yml': ['SeccompUnconfined'],
  'score-0-daemonset-host-network.yml': ['HostNetwork'],
  'score-0-daemonset-host-pid.yml': ['HostPID'],
  'score-0-daemonset-volume-host-docker-socket.yml': ['DockerSock'],
  'score-2-dep-serviceaccount.yml': [],
  'score-2-pod-serviceaccount.yml': [],
  'allowPrivilegeEscalation.yaml': ['AllowPrivilegeEscalation'],
  'score-1-pod-automount-sa-set-to-false.yml': [],
  'score-1-pod-hostUsers-set-to-false.yml': [],
  'versioned/score-0-daemonset-v1.11.yml': [],
  'versioned/score-0-statefulset-v1.11.yml': [],
  'bug-dump-2.json': [],
  // No sign asserted by kubesec's tests for these two; both kubesec checks are plain to read.
  'critical-double.yml': ['Privileged', 'AllowPrivilegeEscalation'],
  'critical-double-multiple.yml': ['Privileged', 'AllowPrivilegeEscalation'],
};

const SIGNS: Readonly<Record<string, string>> = {
  assert_lt_zero_points: 'lt',
  assert_zero_points: 'zero',
  assert_gt_zero_points: 'gt',
};

interface BatsTest {
  readonly test: string;
  readonly bats_file: string;
  readonly assets: readonly string[];
  readonly assertions: readonly string[];
}

describe('PSS rules against kubesec test manifests', () => {
  const root = sharedData('k8s', 'kubesec');
  const bats = JSON.parse(readFileSync(join(root, 'expected.from-bats-tests.json'), 'utf8')) as BatsTest[];
  /** The score signs kubesec's tests assert for each asset: `lt` (a critical check fired), `zero`, `gt`. */
  const signs = new Map<string, Set<string>>();
  for (const t of bats) {
    // 3_todo.bats holds what kubesec does not do yet, not its behaviour; "remote" tests are about
    // its HTTP server's form handling (a `file=` prefix before the YAML).
    if (t.assets.length !== 1 || t.bats_file.endsWith('3_todo.bats') || t.test.includes('remote')) continue;
    const asset = t.assets[0]!.replace(/^asset\//, '');
    for (const a of t.assertions) {
      const sign = SIGNS[a];
      if (sign !== undefined) signs.set(asset, (signs.get(asset) ?? new Set()).add(sign));
    }
  }

  it('the table covers every manifest whose score sign kubesec asserts, consistently', () => {
    for (const [asset, s] of signs) {
      const fired = KUBESEC[asset];
      assert.ok(fired !== undefined, `kubesec asserts a score for ${asset}: add it to the table`);
      assert.equal(s.size, 1, `${asset}: one sign`);
      assert.equal(s.has('lt'), fired.length > 0, `${asset}: a negative score means a critical check fired`);
    }
  });

  for (const [asset, fired] of Object.entries(KUBESEC)) {
    it(`${asset}: ours fire where kubesec's critical checks do`, async () => {
      const findings = await findingsIn(join(root, 'test', 'asset', asset));
      for (const check of BOTH_WAYS) {
        assert.equal(findings.some(KUBESEC_OURS[check]), fired.includes(check), `${check} on ${asset}`);
      }
      if (fired.includes('DockerSock'))
        assert.ok(findings.some(KUBESEC_OURS.DockerSock), `DockerSock on ${asset}`);
    });
  }
});
