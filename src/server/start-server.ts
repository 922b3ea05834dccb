import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AdmissionDecision } from '../policy/admission/admission-answer.ts';
import type { AdmissionPolicy } from '../policy/admission/admission-policy.ts';
import type { ConfigEvaluator } from '../policy/admission/review-admission.ts';
import type { AuditRoutesOptions } from './audit-routes.ts';
import { buildServer } from './build-server.ts';
import { defaultEvaluator } from './default-evaluator.ts';
import type { ScanSource } from './image-state-lookup.ts';
import { selfSignedTls } from './self-signed-tls.ts';

export interface StartServerOptions {
  /** 0 picks a free port (see RunningServer.port). */
  readonly port: number;
  readonly host: string;
  /** PEM certificate and key, or `self-signed` for a throwaway CA made at start (development). */
  readonly tls: { readonly cert: string; readonly key: string } | 'self-signed';
  readonly store: ScanSource;
  readonly policy: AdmissionPolicy;
  /** Default: the real Kubernetes rules at the policy's profile. */
  readonly evaluate?: ConfigEvaluator;
  /** Service and namespace the self-signed certificate names (default bulwark, bulwark). */
  readonly service?: string;
  readonly namespace?: string;
  readonly onDecision?: (decision: AdmissionDecision) => void;
  /** See BuildServerOptions.decisionTimeoutMs (default 3 s). */
  readonly decisionTimeoutMs?: number;
  /** See BuildServerOptions.audit: the audit webhook and alerts API, when given. */
  readonly audit?: AuditRoutesOptions;
  /** See BuildServerOptions.apiToken. */
  readonly apiToken?: string;
}

export interface RunningServer {
  readonly app: FastifyInstance<Server>;
  /** `https://host:port`. */
  readonly url: string;
  readonly port: number;
  /** With `tls: 'self-signed'`: the CA's PEM, and in base64 for the webhook's `caBundle`. */
  readonly caPem?: string;
  readonly caBundle?: string;
  /** Stops accepting requests and waits for those in flight; does not close the store. */
  close(): Promise<void>;
}

/** Builds the webhook server and listens; resolves once it accepts connections. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const tls =
    opts.tls === 'self-signed'
      ? await selfSignedTls({
          ...(opts.service === undefined ? {} : { service: opts.service }),
          ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
        })
      : undefined;
  const app = buildServer({
    policy: opts.policy,
    evaluate: opts.evaluate ?? defaultEvaluator(opts.policy.profile),
    store: opts.store,
    tls: tls ?? (opts.tls as { cert: string; key: string }),
    ...(opts.onDecision ? { onDecision: opts.onDecision } : {}),
    ...(opts.decisionTimeoutMs === undefined ? {} : { decisionTimeoutMs: opts.decisionTimeoutMs }),
    ...(opts.audit === undefined ? {} : { audit: opts.audit }),
    ...(opts.apiToken === undefined ? {} : { apiToken: opts.apiToken }),
  });
  await app.listen({ port: opts.port, host: opts.host });
  const port = (app.server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    app,
    url: `https://${host}:${port}`,
    port,
    ...(tls ? { caPem: tls.caPem, caBundle: tls.caBundle } : {}),
    close: () => app.close(),
  };
}
