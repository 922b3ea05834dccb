import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { Package } from '../../src/core/package.ts';
import type { ScanResult } from '../../src/core/scan-result.ts';
import { scanVulnerabilities } from '../../src/match/scan-vulnerabilities.ts';
import type { AdmissionDecision } from '../../src/policy/admission/admission-answer.ts';
import {
  type AdmissionPolicy,
  DEFAULT_ADMISSION_POLICY,
} from '../../src/policy/admission/admission-policy.ts';
import type { ConfigEvaluator } from '../../src/policy/admission/review-admission.ts';
import type { AuditRoutesOptions } from '../../src/server/audit-routes.ts';
import type { ScanSource } from '../../src/server/image-state-lookup.ts';
import { type RunningServer, startServer } from '../../src/server/start-server.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';
import { importSource } from '../../src/vulndb/import/import-source.ts';

// Shared by the webhook's HTTPS tests: a real store holding real advisory data (needs
// ../shared/data/vuln), and a server on a loopback port with a throwaway CA.

/** An image whose saved scan finds Log4Shell (CVE-2021-44228, in CISA KEV) in log4j-core 2.14.1. */
export const KEV_IMAGE = 'registry.example/shop/api:1.4.2';
export const KEV_DIGEST = `sha256:${'4c0ffee5'.repeat(8)}`;
/** An image whose saved scan finds nothing (log4j-core 2.17.1). */
export const CLEAN_IMAGE = 'registry.example/shop/web:2.0.0';
export const CLEAN_DIGEST = `sha256:${'c1ea7000'.repeat(8)}`;

function log4j(version: string): Package {
  return {
    id: `log4j-core-${version}`,
    name: 'org.apache.logging.log4j:log4j-core',
    version,
    type: 'maven',
    ecosystem: 'Maven',
    purl: `pkg:maven/org.apache.logging.log4j/log4j-core@${version}`,
    licenses: ['Apache-2.0'],
    locations: [{ path: `app/lib/log4j-core-${version}.jar` }],
    foundBy: 'java/archive',
  };
}

function imageScan(reference: string, digest: string, pkg: Package): ScanResult {
  return {
    target: { kind: 'image', name: reference },
    image: {
      reference,
      manifestDigest: digest,
      configDigest: `sha256:${digest.slice(-8).repeat(8)}`,
      platform: { os: 'linux', architecture: 'amd64' },
      repoTags: [],
      repoDigests: [],
      layers: [],
      config: {},
    },
    packages: [pkg],
    relationships: [],
    errors: [],
    createdAt: '2025-06-01T00:00:00.000Z',
    tool: { name: 'bulwark', version: '0.1.0' },
  };
}

/**
 * A SQLite store in a temporary folder with the real GHSA record of Log4Shell and the real KEV
 * catalogue imported, and two matched, saved image scans (KEV_IMAGE, CLEAN_IMAGE).
 */
export async function seededStore(): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'bulwark-webhook-'));
  const store = await openStore({ home });
  const ghsa = sharedData(
    'vuln',
    'osv-ghsa-subset',
    'from-github-advisory-database/advisories/github-reviewed/2021/12/GHSA-jfh8-c2jp-5v3q',
  );
  await importSource(store, 'ghsa', ghsa);
  await importSource(store, 'kev', sharedData('vuln', 'kev'));
  for (const [ref, digest, pkg] of [
    [KEV_IMAGE, KEV_DIGEST, log4j('2.14.1')],
    [CLEAN_IMAGE, CLEAN_DIGEST, log4j('2.17.1')],
  ] as const) {
    const { result } = await scanVulnerabilities(imageScan(ref, digest, pkg), store);
    await store.saveScan(result, { reference: ref });
  }
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  readonly running: RunningServer;
  readonly decisions: AdmissionDecision[];
  post(path: string, body: string | object, headers?: Record<string, string>): Promise<HttpReply>;
  get(path: string, headers?: Record<string, string>): Promise<HttpReply>;
  close(): Promise<void>;
}

/**
 * A reply body as the tests read it: an AdmissionReview, `{ status: 'ok' }` or an error. Typed with
 * every field present, for brevity; the tests assert what is really there.
 */
export interface ReplyJson {
  readonly apiVersion: string;
  readonly kind: string;
  readonly response: {
    readonly uid: string;
    readonly allowed: boolean;
    readonly status: { readonly code: number; readonly reason: string; readonly message: string };
    readonly warnings: readonly string[];
    readonly auditAnnotations: Readonly<Record<string, string>>;
  };
  readonly status: string;
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
}

export interface HttpReply {
  readonly status: number;
  readonly text: string;
  /** The body as JSON (undefined when it is not). */
  readonly json: ReplyJson;
  readonly ms: number;
}

/** Starts the webhook on 127.0.0.1 with `tls: 'self-signed'`; requests trust only its CA. */
export async function startTestServer(opts: {
  readonly store: ScanSource;
  readonly policy?: Partial<AdmissionPolicy>;
  readonly evaluate: ConfigEvaluator;
  readonly decisionTimeoutMs?: number;
  readonly audit?: AuditRoutesOptions;
  readonly apiToken?: string;
}): Promise<TestServer> {
  const decisions: AdmissionDecision[] = [];
  const running = await startServer({
    port: 0,
    host: '127.0.0.1',
    tls: 'self-signed',
    store: opts.store,
    policy: { ...DEFAULT_ADMISSION_POLICY, source: '<test>', ...opts.policy },
    evaluate: opts.evaluate,
    onDecision: (d) => decisions.push(d),
    ...(opts.decisionTimeoutMs === undefined ? {} : { decisionTimeoutMs: opts.decisionTimeoutMs }),
    ...(opts.audit === undefined ? {} : { audit: opts.audit }),
    ...(opts.apiToken === undefined ? {} : { apiToken: opts.apiToken }),
  });
  const agent = new Agent({ connect: { ca: running.caPem!, servername: 'bulwark.bulwark.svc' } });
  const call = async (method: 'GET' | 'POST', path: string, body?: string | object, headers = {}) => {
    const started = performance.now();
    const r = await request(`${running.url}${path}`, {
      method,
      dispatcher: agent,
      headers: { 'content-type': 'application/json', ...headers },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await r.body.text();
    let json: ReplyJson;
    try {
      json = JSON.parse(text) as ReplyJson;
    } catch {
      json = undefined as unknown as ReplyJson;
    }
    return { status: r.statusCode, text, json, ms: performance.now() - started };
  };
  return {
    running,
    decisions,
    post: (path, body, headers) => call('POST', path, body, headers),
    get: (path, headers) => call('GET', path, undefined, headers),
    close: async () => {
      await agent.close();
      await running.close();
    },
  };
}

/** An AdmissionReview v1 around a request (a recorded request, or one built by a test). */
export function admissionReview(request: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request };
}

let counter = 0;

/** A CREATE request for `object` in its namespace (default `default`). */
export function createRequest(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const [group, version] = String(object.apiVersion).includes('/')
    ? String(object.apiVersion).split('/')
    : ['', String(object.apiVersion)];
  counter++;
  return {
    uid: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    kind: { group, version, kind: object.kind },
    operation: 'CREATE',
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    object,
  };
}
