import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_BODY_LIMIT } from '../../src/server/build-server.ts';
import { defaultEvaluator } from '../../src/server/default-evaluator.ts';
import { testConfigEvaluator } from '../../src/test-support/test-config-evaluator.ts';
import {
  admissionReview,
  CLEAN_IMAGE,
  createRequest,
  seededStore,
  startTestServer,
  type TestServer,
} from './webhook-harness.ts';

// Bad input to the webhook: a clear HTTP error or a prompt, bounded answer; never a crash or a
// hang; the server keeps serving afterwards.

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...metadata }, spec };
}

const CLEAN_POD = pod({ containers: [{ name: 'app', image: CLEAN_IMAGE }] });

/** A "billion laughs" YAML document: ten levels of ten aliases each. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n');
}

describe('the webhook under bad input', () => {
  let seeded: Awaited<ReturnType<typeof seededStore>>;
  let server: TestServer;
  const others: TestServer[] = [];

  before(async () => {
    seeded = await seededStore();
    // The real rules: bad input must not make them hang either.
    server = await startTestServer({ store: seeded.store, evaluate: defaultEvaluator('baseline') });
  });
  after(async () => {
    for (const s of [server, ...others]) await s.close();
    await seeded.cleanup();
  });

  /** The server still answers a normal review correctly. */
  async function stillServing(): Promise<void> {
    const req = createRequest(CLEAN_POD);
    const r = await server.post('/admission/validate', admissionReview(req));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.response, { uid: req.uid, allowed: true });
    assert.equal((await server.get('/healthz')).status, 200);
  }

  const badRequests: [string, string, Record<string, string>, RegExp][] = [
    ['not JSON', 'apiVersion: admission.k8s.io/v1', {}, /^the body is not JSON: /],
    ['an empty body', '', {}, /^the body is not JSON: /],
    [
      'truncated JSON',
      '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionRev',
      {},
      /^the body is not JSON/,
    ],
    [
      'JSON sent as text/plain, but not a review',
      '[1,2]',
      { 'content-type': 'text/plain' },
      /expected a JSON object/,
    ],
    ['null', 'null', {}, /not an AdmissionReview: expected a JSON object/],
    [
      'an AdmissionReview v1beta1',
      JSON.stringify({
        ...admissionReview(createRequest(CLEAN_POD)),
        apiVersion: 'admission.k8s.io/v1beta1',
      }),
      {},
      /apiVersion must be admission\.k8s\.io\/v1/,
    ],
    [
      'no request',
      JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }),
      {},
      /^request is missing/,
    ],
    [
      'no request.object',
      JSON.stringify(admissionReview({ ...createRequest(CLEAN_POD), object: undefined })),
      {},
      /^request\.object is missing: CREATE requests must carry the object/,
    ],
    [
      'a null request.object',
      JSON.stringify(admissionReview({ ...createRequest(CLEAN_POD), object: null })),
      {},
      /^request\.object is missing/,
    ],
    [
      'no uid',
      JSON.stringify(admissionReview({ ...createRequest(CLEAN_POD), uid: undefined })),
      {},
      /^request\.uid is missing/,
    ],
  ];
  for (const [name, body, headers, message] of badRequests) {
    it(`${name} → 400 with a message`, async () => {
      const r = await server.post('/admission/validate', body, headers);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error, 'Bad Request');
      assert.match(r.json.message, message);
    });
  }

  it('a body over the 4 MiB limit → 413 with a message', async () => {
    const big = JSON.stringify(
      admissionReview(
        createRequest(
          pod(
            { containers: [{ name: 'a', image: 'x' }] },
            { annotations: { pad: 'x'.repeat(DEFAULT_BODY_LIMIT) } },
          ),
        ),
      ),
    );
    const r = await server.post('/admission/validate', big);
    assert.equal(r.status, 413);
    assert.equal(r.json.message, `the request body is larger than the limit of ${DEFAULT_BODY_LIMIT} bytes`);
    await stillServing();
  });

  it('an unknown route → 404 JSON', async () => {
    const r = await server.get('/admission/mutate');
    assert.equal(r.status, 404);
    assert.match(r.json.message, /no route GET \/admission\/mutate/);
  });

  it('YAML alias bombs inside a valid review are data, not parsed: a prompt answer', async () => {
    const bomb = aliasBomb();
    const withAnnotation = pod(
      { containers: [{ name: 'app', image: CLEAN_IMAGE }] },
      {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': bomb, 'bulwark.dev/ignore': bomb },
      },
    );
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
      data: { 'values.yaml': bomb },
    };
    for (const object of [withAnnotation, configMap]) {
      const req = createRequest(object);
      const r = await server.post('/admission/validate', admissionReview(req));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.response.uid, req.uid);
      assert.ok(r.ms < 2000, `${r.ms} ms`);
    }
    await stillServing();
  });

  it('thousands of containers (near the body limit) are refused unchecked, quickly', async () => {
    const containers = Array.from({ length: 24_000 }, (_, i) => ({
      name: `c${i}`,
      image: `registry.example/many/img-${i}:1`,
      securityContext: { privileged: true },
      volumeMounts: [{ name: 'host', mountPath: `/host/${i}` }],
    }));
    const body = JSON.stringify(
      admissionReview(
        createRequest(pod({ containers, volumes: [{ name: 'host', hostPath: { path: '/' } }] })),
      ),
    );
    assert.ok(body.length > 3 * 1024 * 1024 && body.length < DEFAULT_BODY_LIMIT, `${body.length} bytes`);
    // A normal review sent meanwhile is answered too.
    const [huge, small] = await Promise.all([
      server.post('/admission/validate', body),
      server.post('/admission/validate', admissionReview(createRequest(CLEAN_POD))),
    ]);
    assert.equal(huge.status, 200);
    assert.equal(huge.json.response.allowed, false);
    assert.equal(
      huge.json.response.status.message,
      [
        'Bulwark denied Pod default/p: 2 failed checks',
        '- BW-ADM-004 HIGH 24000 containers; the rules check at most 256 per object. Fix: split the workload into smaller objects',
        '- BW-ADM-004 HIGH 24000 distinct images; only 64 are checked per object. Fix: split the workload into smaller objects',
      ].join('\n'),
    );
    assert.ok(huge.ms < 3000, `${huge.ms} ms`);
    assert.equal(small.status, 200);
    assert.equal(small.json.response.allowed, true);
    await stillServing();
  });

  it('a huge object the rules do check (250 containers, megabytes of env) gets a bounded answer', async () => {
    const env = Array.from({ length: 150 }, (_, i) => ({
      name: `VAR_${i}`,
      value: `value-${i}-${'x'.repeat(40)}`,
    }));
    const containers = Array.from({ length: 250 }, (_, i) => ({
      name: `c${i}`,
      image: CLEAN_IMAGE,
      env,
      securityContext: { privileged: true },
    }));
    const body = JSON.stringify(admissionReview(createRequest(pod({ containers }))));
    assert.ok(body.length > 2 * 1024 * 1024 && body.length < DEFAULT_BODY_LIMIT, `${body.length} bytes`);
    const r = await server.post('/admission/validate', body);
    assert.equal(r.status, 200);
    const res = r.json.response;
    assert.equal(res.allowed, false);
    assert.ok(Buffer.byteLength(res.status.message) <= 1000);
    assert.match(
      res.status.message,
      /^Bulwark denied Pod default\/p: \d+ failed checks\n- BW-K8S-003 CRITICAL container "c0"/,
    );
    assert.match(res.status.message, /\n\+\d+ more \(run "bulwark config"/);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
    await stillServing();
  });

  it('deeply nested JSON inside the object is answered', async () => {
    const depth = 100_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const review = JSON.stringify(admissionReview(createRequest(CLEAN_POD))).replace(
      '"spec":{',
      `"spec":{"x":${nested},`,
    );
    const r = await server.post('/admission/validate', review);
    assert.equal(r.status, 200, r.text.slice(0, 200));
    assert.equal(r.json.response.allowed, true);
    await stillServing();
  });

  it('a failing store → 500 with the reason; a stalled store → 503 in time; both keep serving', async () => {
    const failing = await startTestServer({
      store: {
        latestScan: async () => {
          throw new Error('database is locked');
        },
      },
      evaluate: testConfigEvaluator,
    });
    others.push(failing);
    const r = await failing.post('/admission/validate', admissionReview(createRequest(CLEAN_POD)));
    assert.equal(r.status, 500);
    assert.equal(r.json.message, 'the admission review could not be decided: database is locked');
    assert.equal((await failing.get('/healthz')).status, 200);

    const stalled = await startTestServer({
      store: { latestScan: () => new Promise(() => {}) },
      evaluate: testConfigEvaluator,
      decisionTimeoutMs: 300,
    });
    others.push(stalled);
    const s = await stalled.post('/admission/validate', admissionReview(createRequest(CLEAN_POD)));
    assert.equal(s.status, 503);
    assert.equal(s.json.message, 'the admission review could not be decided: no decision within 300 ms');
    assert.ok(s.ms < 2000);
    assert.equal((await stalled.get('/healthz')).status, 200);
  });
});
