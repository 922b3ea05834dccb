import type { Server } from 'node:https';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { errorMessage } from '../core/errors.ts';
import type { AdmissionDecision } from '../policy/admission/admission-answer.ts';
import type { AdmissionPolicy } from '../policy/admission/admission-policy.ts';
import { findingFilter } from '../policy/admission/image-vuln-state.ts';
import { type ConfigEvaluator, reviewAdmission } from '../policy/admission/review-admission.ts';
import { type AuditRoutesOptions, registerAuditRoutes } from './audit-routes.ts';
import { bearerTokenCheck } from './bearer-token-check.ts';
import { cachedImageState, type ScanSource } from './image-state-lookup.ts';

/** The API server sends one object per review; 4 MiB is far above any real pod template. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
/** Below the webhook's default timeoutSeconds (5 s), so our answer arrives before the API server gives up. */
export const DEFAULT_DECISION_TIMEOUT_MS = 3000;

export interface BuildServerOptions {
  readonly policy: AdmissionPolicy;
  /** The configuration rules at the policy's profile (src/server/default-evaluator.ts in production). */
  readonly evaluate: ConfigEvaluator;
  /** Saved scans: the Store. */
  readonly store: ScanSource;
  readonly tls: { readonly cert: string; readonly key: string };
  readonly bodyLimit?: number;
  /** A review not decided by then is answered 503, so the API server applies failurePolicy. */
  readonly decisionTimeoutMs?: number;
  /** How long a saved scan's answer is reused (default 30 s). */
  readonly cacheTtlMs?: number;
  /** Called with every decision (audit mode records them here); its errors are ignored. */
  readonly onDecision?: (decision: AdmissionDecision) => void;
  readonly now?: () => Date;
  /** The audit webhook and the alerts API; absent: those routes do not exist (404). */
  readonly audit?: AuditRoutesOptions;
  /**
   * When set, `/api/*` and `/audit/webhook` need `Authorization: Bearer <apiToken>` (else 401);
   * the admission webhook and `/healthz` never do (the API server and kubelet call them as is).
   */
  readonly apiToken?: string;
}

/** Whether `apiToken` guards a route (by its pattern): the audit webhook and every `/api/` route. */
function needsToken(route: string): boolean {
  return route === '/audit/webhook' || route.startsWith('/api/');
}

class DecisionTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DecisionTimeout(`no decision within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The webhook server (fastify, HTTPS): `POST /admission/validate` takes an AdmissionReview
 * `admission.k8s.io/v1` and answers one (200); `GET /healthz` answers 200; with `audit`, also
 * `POST /audit/webhook` and `GET /api/alerts` (audit-routes.ts). Errors are JSON
 * `{ statusCode, error, message }`: 400 for a body that is not JSON or not a usable review, 401
 * without the API token, 413 over the body limit, 503 when no decision came in time, 500 when the
 * store or a rule failed.
 * Not listening yet: call `listen` (or use startServer). Closing it does not close the store.
 */
export function buildServer(opts: BuildServerOptions): FastifyInstance<Server> {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const timeoutMs = opts.decisionTimeoutMs ?? DEFAULT_DECISION_TIMEOUT_MS;
  const app = Fastify({
    https: { cert: opts.tls.cert, key: opts.tls.key },
    logger: false,
    bodyLimit,
    // A slow sender (slowloris) gets cut off; idle keep-alive connections from the API server stay.
    requestTimeout: 10_000,
    return503OnClosing: true,
  });
  const imageState = cachedImageState(opts.store, {
    keep: findingFilter(opts.policy),
    ...(opts.cacheTtlMs === undefined ? {} : { ttlMs: opts.cacheTtlMs }),
  });
  const now = opts.now ?? (() => new Date());

  // Every body is read as text and parsed here, whatever its content type, so a body that is not
  // JSON gets a 400 with the parser's reason (fastify would answer 415 for an unknown type).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const code = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `the request body is larger than the limit of ${req.routeOptions.bodyLimit ?? bodyLimit} bytes`
        : error.message;
    return reply.code(code).send({ statusCode: code, error: errorName(code), message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url}` }),
  );

  if (opts.apiToken !== undefined) {
    const allowed = bearerTokenCheck(opts.apiToken);
    // onRequest runs before the body is read: an unauthenticated client cannot make the server
    // buffer a 64 MiB audit batch. Matched by route, so no spelling of the path slips past.
    app.addHook('onRequest', async (req, reply) => {
      const route = req.routeOptions.url;
      if (route === undefined || !needsToken(route) || allowed(req.headers.authorization)) return;
      return reply.code(401).header('www-authenticate', 'Bearer').send({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'a valid Authorization: Bearer token is required',
      });
    });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));
  if (opts.audit !== undefined) registerAuditRoutes(app, opts.audit);

  app.post('/admission/validate', async (req, reply) => {
    const text = typeof req.body === 'string' ? req.body : '';
    let review: unknown;
    try {
      review = JSON.parse(text);
    } catch (e) {
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `the body is not JSON: ${errorMessage(e)}`,
      });
    }
    let out: Awaited<ReturnType<typeof reviewAdmission>>;
    try {
      out = await withTimeout(
        reviewAdmission(review, { evaluate: opts.evaluate, imageState, policy: opts.policy, now }),
        timeoutMs,
      );
    } catch (e) {
      const code = e instanceof DecisionTimeout ? 503 : 500;
      return reply.code(code).send({
        statusCode: code,
        error: errorName(code),
        message: `the admission review could not be decided: ${errorMessage(e)}`,
      });
    }
    if (!out.ok) {
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: out.error });
    }
    try {
      opts.onDecision?.(out.decision);
    } catch {
      // Recording must never change the answer.
    }
    return reply.code(200).send(out.review);
  });
  return app;
}

function errorName(code: number): string {
  switch (code) {
    case 400:
      return 'Bad Request';
    case 401:
      return 'Unauthorized';
    case 404:
      return 'Not Found';
    case 408:
      return 'Request Timeout';
    case 413:
      return 'Payload Too Large';
    case 415:
      return 'Unsupported Media Type';
    case 503:
      return 'Service Unavailable';
    default:
      return code >= 500 ? 'Internal Server Error' : 'Bad Request';
  }
}
