import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { parse } from 'yaml';
import type { AdmissionPolicy } from '../../src/policy/admission/admission-policy.ts';
import { defaultEvaluator } from '../../src/server/default-evaluator.ts';
import type { Store } from '../../src/store/store.ts';
import { testConfigEvaluator } from '../../src/test-support/test-config-evaluator.ts';
import {
  admissionReview,
  CLEAN_IMAGE,
  createRequest,
  KEV_DIGEST,
  KEV_IMAGE,
  seededStore,
  startTestServer,
  type TestServer,
} from './webhook-harness.ts';

// The admission webhook over HTTPS, end to end: a real store with real advisory data, the
// throwaway CA of --tls-self-signed, the test evaluator standing in for the configuration rules.

const fixture = (name: string) =>
  parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

interface DeploymentDoc {
  metadata: { namespace: string };
  spec: { template: { spec: { containers: { image: string }[] } } };
}

function deployment(image: string, namespace = 'shop'): Record<string, unknown> {
  const d = structuredClone(fixture('deployment.yaml')) as unknown as DeploymentDoc;
  d.metadata.namespace = namespace;
  d.spec.template.spec.containers[0]!.image = image;
  return d as unknown as Record<string, unknown>;
}

describe('the admission webhook over HTTPS', () => {
  let seeded: Awaited<ReturnType<typeof seededStore>>;
  let store: Store;
  const servers: TestServer[] = [];
  const serve = async (policy: Partial<AdmissionPolicy> = {}) => {
    const s = await startTestServer({ store, policy, evaluate: testConfigEvaluator });
    servers.push(s);
    return s;
  };
  let enforce: TestServer;

  before(async () => {
    seeded = await seededStore();
    store = seeded.store;
    enforce = await serve();
  });
  after(async () => {
    for (const s of servers) await s.close();
    await seeded.cleanup();
  });

  it('serves /healthz with a certificate for the service names, signed by the printed CA', async () => {
    const r = await enforce.get('/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'ok' });
    assert.match(enforce.running.caBundle!, /^[A-Za-z0-9+/]+=*$/);
    assert.equal(Buffer.from(enforce.running.caBundle!, 'base64').toString('utf8'), enforce.running.caPem);
    // Without the CA, the certificate is not trusted.
    await assert.rejects(
      request(`${enforce.running.url}/healthz`),
      /self[- ]signed|unable to verify|certificate/i,
    );
  });

  it('denies the seed attack (host / mounted, privileged), naming each rule and its fix', async () => {
    const req = createRequest(fixture('seed-attack-pod.yaml'));
    const r = await enforce.post('/admission/validate', admissionReview(req));
    assert.equal(r.status, 200);
    assert.equal(r.json.apiVersion, 'admission.k8s.io/v1');
    assert.equal(r.json.kind, 'AdmissionReview');
    const res = r.json.response;
    assert.equal(res.uid, req.uid);
    assert.equal(res.allowed, false);
    assert.equal(res.status.code, 403);
    assert.equal(
      res.status.message,
      [
        'Bulwark denied Pod default/cron-backdoor: 2 failed checks',
        '- TEST-HOSTPATH CRITICAL volume "host-root" mounts the host path /. Fix: use an emptyDir, configMap or persistentVolumeClaim instead of hostPath',
        '- TEST-PRIVILEGED HIGH container "writer" is privileged. Fix: set securityContext.privileged to false',
      ].join('\n'),
    );
  });

  it('with the real rule set, denies the seed attack naming each rule and its remediation', async () => {
    const real = await startTestServer({ store, evaluate: defaultEvaluator('baseline') });
    servers.push(real);
    const r = await real.post(
      '/admission/validate',
      admissionReview(createRequest(fixture('seed-attack-pod.yaml'))),
    );
    const res = r.json.response;
    assert.equal(res.allowed, false);
    const lines = res.status.message.split('\n');
    assert.equal(lines[0], 'Bulwark denied Pod default/cron-backdoor: 3 failed checks');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['- BW-K8S-003 CRITICAL', '- BW-K8S-109 CRITICAL', '- BW-K8S-005 HIGH'],
    );
    assert.match(lines[1]!, /container "writer" is privileged.*\. Fix: Remove securityContext\.privileged/);
    assert.match(
      lines[2]!,
      /volume "host-root" mounts the host's root filesystem.*\. Fix: Remove the volume/,
    );
    assert.match(lines[3]!, /volume "host-root" mounts the host path \/\. Fix: Replace the hostPath volume/);
    assert.ok(Buffer.byteLength(res.status.message) <= 1000);
  });

  it('denies an image whose saved scan has a KEV finding, by reference and by digest', async () => {
    for (const image of [KEV_IMAGE, `registry.example/shop/api@${KEV_DIGEST}`]) {
      const r = await enforce.post('/admission/validate', admissionReview(createRequest(deployment(image))));
      const res = r.json.response;
      assert.equal(res.allowed, false, image);
      assert.match(
        res.status.message,
        new RegExp(
          `- BW-ADM-001 CRITICAL image ${image.replace(/[.@]/g, '\\$&')}: 1 known exploited: CVE-2021-44228 in org\\.apache\\.logging\\.log4j:log4j-core 2\\.14\\.1\\. Fix: upgrade org\\.apache\\.logging\\.log4j:log4j-core to 2\\.15\\.0`,
        ),
      );
    }
  });

  it('admits a well-configured Deployment of a clean scanned image, with nothing to say', async () => {
    const req = createRequest(deployment(CLEAN_IMAGE));
    const r = await enforce.post('/admission/validate', admissionReview(req));
    assert.deepEqual(r.json, {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: req.uid, allowed: true },
    });
  });

  it('an unscanned image follows unscanned: allow | warn | deny', async () => {
    const req = () => admissionReview(createRequest(deployment('registry.example/never/scanned:1')));
    const allow = await serve({ unscanned: 'allow' });
    assert.deepEqual(Object.keys((await allow.post('/admission/validate', req())).json.response).sort(), [
      'allowed',
      'uid',
    ]);
    const warned = (await enforce.post('/admission/validate', req())).json.response;
    assert.equal(warned.allowed, true);
    assert.deepEqual(warned.warnings, [
      'Bulwark: BW-ADM-003 UNKNOWN image registry.example/never/scanned:1: no saved scan. Fix: scan it with "bulwark image registry.example/never/scanned:1 --save" before deploying',
    ]);
    const deny = await serve({ unscanned: 'deny' });
    const denied = (await deny.post('/admission/validate', req())).json.response;
    assert.equal(denied.allowed, false);
    assert.match(
      denied.status.message,
      /BW-ADM-003 UNKNOWN image registry\.example\/never\/scanned:1: no saved scan/,
    );
  });

  it('warn mode admits with warnings; audit mode admits silently and records the decision', async () => {
    const warn = await serve({ mode: 'warn' });
    const req = createRequest(fixture('seed-attack-pod.yaml'));
    const w = (await warn.post('/admission/validate', admissionReview(req))).json.response;
    assert.equal(w.allowed, true);
    assert.equal(w.status, undefined);
    assert.deepEqual(
      w.warnings.map((s: string) => s.split(' ')[1]),
      ['TEST-HOSTPATH', 'TEST-PRIVILEGED'],
    );
    const audit = await serve({ mode: 'audit' });
    const a = (await audit.post('/admission/validate', admissionReview(req))).json.response;
    assert.equal(a.allowed, true);
    assert.equal(a.warnings, undefined);
    assert.deepEqual(a.auditAnnotations, {
      decision: 'deny',
      mode: 'audit',
      violations: 'TEST-HOSTPATH,TEST-PRIVILEGED',
    });
    const recorded = audit.decisions.find((d) => d.uid === req.uid);
    assert.equal(recorded?.verdict, 'deny');
    assert.equal(recorded?.allowed, true);
    assert.deepEqual(
      recorded?.violations.map((v) => v.ruleId),
      ['TEST-HOSTPATH', 'TEST-PRIVILEGED'],
    );
  });

  it('exempts kube-system by default and exempt images by glob', async () => {
    const attack = fixture('seed-attack-pod.yaml');
    const inKubeSystem = {
      ...attack,
      metadata: { ...(attack.metadata as Record<string, unknown>), namespace: 'kube-system' },
    };
    const r = await enforce.post('/admission/validate', admissionReview(createRequest(inKubeSystem)));
    assert.equal(r.json.response.allowed, true);
    const exempt = await serve({ exemptImages: ['registry.example/shop/*'] });
    const e = await exempt.post('/admission/validate', admissionReview(createRequest(deployment(KEV_IMAGE))));
    assert.equal(e.json.response.allowed, true);
    assert.equal(exempt.decisions.at(-1)?.skipped, 'every image is exempt');
  });
});
