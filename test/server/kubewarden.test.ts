import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type AdmissionPolicy,
  type AdmissionProfile,
  DEFAULT_ADMISSION_POLICY,
} from '../../src/policy/admission/admission-policy.ts';
import type { ConfigEvaluator } from '../../src/policy/admission/review-admission.ts';
import { defaultEvaluator } from '../../src/server/default-evaluator.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';
import { testConfigEvaluator } from '../../src/test-support/test-config-evaluator.ts';
import { admissionReview, seededStore, startTestServer, type TestServer } from './webhook-harness.ts';

// Every recorded AdmissionReview request of kubewarden/policies (../shared/data/k8s/admission-kubewarden)
// posted to the webhook over HTTPS, with both the test evaluator and the real rule set. Each must get
// a well-formed answer; where a kubewarden policy checks what one of our rules checks, its e2e
// expectation (expected.from-e2e-bats.json) must hold for that rule.

const root = sharedData('k8s', 'admission-kubewarden');

type Fixture =
  | { readonly file: string; readonly kind: 'review'; readonly body: Record<string, unknown> }
  | { readonly file: string; readonly kind: 'request'; readonly body: Record<string, unknown> }
  /** Shaped like a request but without a uid: not something an API server sends. */
  | { readonly file: string; readonly kind: 'no-uid'; readonly body: Record<string, unknown> };

function* jsonFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* jsonFiles(p);
    else if (name.endsWith('.json')) yield p;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Request fixtures: AdmissionReviews, and `request` objects (uid + object or operation). Settings files are not. */
function requestFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const path of jsonFiles(join(root, 'policies'))) {
    const file = relative(root, path);
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObject(v)) continue;
    if (v.kind === 'AdmissionReview') out.push({ file, kind: 'review', body: v });
    else if (typeof v.uid === 'string' && ('object' in v || 'operation' in v)) {
      out.push({ file, kind: 'request', body: admissionReview(v) });
    } else if (isObject(v.kind) && isObject(v.object)) {
      out.push({ file, kind: 'no-uid', body: admissionReview(v) });
    }
  }
  return out;
}

interface Expected {
  readonly policy: string;
  readonly test: string;
  readonly requests: readonly string[];
  readonly expected_allowed: boolean | null;
}

type Control = 'privileged' | 'hostPath' | 'privilegeEscalation' | 'sysctls';

/** Kubewarden policies whose e2e cases check what one of our controls checks, under a webhook policy that enforces it. */
const OVERLAP: readonly {
  readonly policy: string;
  readonly control: Control;
  readonly tests: readonly string[];
  readonly admission: Partial<AdmissionPolicy>;
}[] = [
  {
    policy: 'pod-privileged-policy',
    control: 'privileged',
    tests: [
      'reject because privileged container',
      'accept',
      'reject deployment because privileged container',
      'reject statefulset because privileged container',
    ],
    admission: {},
  },
  {
    // Baseline forbids every hostPath; kubewarden's allow-list settings do not matter for a reject.
    policy: 'hostpaths-psp-policy',
    control: 'hostPath',
    tests: ['reject because /data is not in settings', 'accept because pod has no hostPath volumes'],
    admission: {},
  },
  {
    // Not "accept pod without security context": the Restricted level requires an explicit false.
    policy: 'allow-privilege-escalation-psp-policy',
    control: 'privilegeEscalation',
    tests: [
      'accept pod with allowPrivilegeEscalation disabled',
      'reject pod with container with security context and allowPrivilegeEscalation set to true',
      'reject pod with init container with security context and allowPrivilegeEscalation set to true',
    ],
    admission: { profile: 'restricted', configSeverity: 'MEDIUM' },
  },
  {
    // net.core.somaxconn is not in the Pod Security Standards' safe set: a reject in both.
    policy: 'sysctl-psp-policy',
    control: 'sysctls',
    tests: ["accept because pod doesn't list any sysctls", 'reject because net.* is forbidden'],
    admission: { configSeverity: 'MEDIUM' },
  },
];

const EVALUATORS: readonly {
  readonly name: string;
  readonly make: (profile: AdmissionProfile) => ConfigEvaluator;
  readonly rules: Partial<Record<Control, string>>;
}[] = [
  {
    name: 'the test evaluator',
    make: () => testConfigEvaluator,
    rules: { privileged: 'TEST-PRIVILEGED', hostPath: 'TEST-HOSTPATH', privilegeEscalation: 'TEST-PRIVESC' },
  },
  {
    name: 'the real rule set',
    make: defaultEvaluator,
    rules: {
      privileged: 'BW-K8S-003',
      hostPath: 'BW-K8S-005',
      privilegeEscalation: 'BW-K8S-014',
      sysctls: 'BW-K8S-012',
    },
  },
];

const fixtures = requestFixtures();
const expected = JSON.parse(readFileSync(join(root, 'expected.from-e2e-bats.json'), 'utf8')) as Expected[];

describe('kubewarden AdmissionReview requests', () => {
  let seeded: Awaited<ReturnType<typeof seededStore>>;
  const servers: TestServer[] = [];
  before(async () => {
    seeded = await seededStore();
  });
  after(async () => {
    for (const s of servers) await s.close();
    await seeded.cleanup();
  });

  it('finds the recorded requests', () => {
    assert.ok(fixtures.filter((f) => f.kind !== 'no-uid').length >= 190, `${fixtures.length} fixtures`);
  });

  for (const ev of EVALUATORS) {
    describe(`with ${ev.name}`, () => {
      const serve = async (admission: Partial<AdmissionPolicy>) => {
        const profile = admission.profile ?? DEFAULT_ADMISSION_POLICY.profile;
        const s = await startTestServer({
          store: seeded.store,
          policy: admission,
          evaluate: ev.make(profile),
        });
        servers.push(s);
        return s;
      };

      it('answers every request with a well-formed AdmissionReview (400 only for those without a uid)', async () => {
        const server = await serve({});
        let denied = 0;
        for (const f of fixtures) {
          const r = await server.post('/admission/validate', f.body);
          if (f.kind === 'no-uid') {
            assert.equal(r.status, 400, f.file);
            assert.match(r.json.message, /request\.uid is missing/, f.file);
            continue;
          }
          assert.equal(r.status, 200, `${f.file}: ${r.text}`);
          const res = r.json.response;
          assert.equal(r.json.apiVersion, 'admission.k8s.io/v1', f.file);
          assert.equal(r.json.kind, 'AdmissionReview', f.file);
          assert.equal(res.uid, (f.body.request as Record<string, unknown>).uid, f.file);
          assert.equal(typeof res.allowed, 'boolean', f.file);
          if (!res.allowed) {
            denied++;
            assert.equal(res.status.code, 403, f.file);
            assert.match(res.status.message, /^Bulwark denied \S+/, f.file);
            assert.ok(Buffer.byteLength(res.status.message) <= 1000, f.file);
          }
          for (const w of res.warnings ?? []) assert.ok([...w].length <= 256, f.file);
        }
        assert.ok(denied > 0);
      });

      for (const group of OVERLAP) {
        const rule = ev.rules[group.control];
        if (rule === undefined) continue;
        it(`${group.policy}: the e2e expectations hold for ${rule}`, async () => {
          const server = await serve(group.admission);
          for (const name of group.tests) {
            const cases = expected.filter((e) => e.policy === group.policy && e.test === name);
            assert.equal(cases.length, 1, `${group.policy} / ${name} in expected.from-e2e-bats.json`);
            const c = cases[0]!;
            for (const file of c.requests) {
              const fixture = fixtures.find((f) => f.file === file.replace('/./', '/'));
              assert.ok(fixture, file);
              const r = await server.post('/admission/validate', fixture.body);
              assert.equal(r.status, 200, file);
              const decision = server.decisions.at(-1)!;
              const hit = decision.violations.some((v) => v.ruleId === rule);
              if (c.expected_allowed === false) {
                assert.ok(hit, `${name}: expected ${rule} in ${JSON.stringify(decision.violations)}`);
                assert.equal(r.json.response.allowed, false, name);
                assert.match(r.json.response.status.message, new RegExp(`- ${rule} `), name);
              } else {
                assert.ok(!hit, `${name}: ${rule} should not fire: ${JSON.stringify(decision.violations)}`);
              }
            }
          }
        });
      }
    });
  }
});
