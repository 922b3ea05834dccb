import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Dispatcher, request } from 'undici';
import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The caller consumes or destroys it. */
  readonly body: Readable & { dump(opts?: { limit: number }): Promise<void> };
  /** The URL that answered, after redirects. */
  readonly url: string;
}

export interface HttpGetOptions {
  readonly dispatcher: Dispatcher;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /** Names the registry in error messages. */
  readonly subject: string;
  /** Extra attempts after a 5xx/429 or a dropped connection; 0 disables retries. */
  readonly retries?: number;
  /** Redirects to follow (blob storage backends); 0 returns the 3xx response. */
  readonly maxRedirects?: number;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);
const BACKOFF_MS = 200;

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const cause = (e as { cause?: unknown } | null)?.cause;
  return cause === undefined ? undefined : errorCode(cause);
}

/** A one-line reason for a transport failure, with a hint where one helps. */
export function describeNetworkError(e: unknown): string {
  const code = errorCode(e);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timed out';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return 'no response within the timeout';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the response stalled';
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return 'the server does not speak TLS; if it is a plain-HTTP registry, use --insecure';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate not trusted (${code}); use --insecure for a self-signed development registry`;
    default:
      return code ? `${errorMessage(e)} (${code})` : errorMessage(e);
  }
}

function aborted(e?: unknown): BulwarkError {
  return new BulwarkError(
    ErrorCodes.ABORTED,
    'The operation was aborted',
    e === undefined ? undefined : { cause: e },
  );
}

/** Deletes credentials when a redirect leaves the origin they were meant for. */
function headersFor(
  url: URL,
  origin: string,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  if (url.origin === origin) return { ...headers };
  const { authorization: _dropped, ...rest } = headers;
  return rest;
}

/**
 * GET with bounded retries (5xx, 429, dropped connections; the body is discarded before a retry),
 * manual redirects (Authorization is not sent to another origin) and coded errors: transport
 * failures throw E_REGISTRY_HTTP naming `subject`, an aborted signal throws E_ABORTED. HTTP error
 * statuses are returned, not thrown: the caller knows what a 401 or 404 means.
 */
export async function httpGet(url: string, opts: HttpGetOptions): Promise<HttpResponse> {
  const retries = opts.retries ?? 2;
  const maxRedirects = opts.maxRedirects ?? 5;
  const origin = new URL(url).origin;
  let current = new URL(url);
  let redirects = 0;
  let attempt = 0;
  for (;;) {
    if (opts.signal.aborted) throw aborted();
    let res: Dispatcher.ResponseData;
    try {
      res = await request(current, {
        dispatcher: opts.dispatcher,
        method: 'GET',
        headers: headersFor(current, origin, opts.headers),
        signal: opts.signal,
      });
    } catch (e) {
      if (opts.signal.aborted) throw aborted(e);
      const code = errorCode(e);
      if (attempt < retries && code !== undefined && RETRY_CODES.has(code)) {
        await backoff(attempt++, opts.signal);
        continue;
      }
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `Cannot reach registry ${opts.subject} (GET ${current.href}): ${describeNetworkError(e)}`,
        { subject: opts.subject, cause: e },
      );
    }
    const location = res.headers.location;
    if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string' && maxRedirects > 0) {
      await res.body.dump();
      if (++redirects > maxRedirects) {
        throw new BulwarkError(
          ErrorCodes.REGISTRY_HTTP,
          `Registry ${opts.subject}: more than ${maxRedirects} redirects from ${url}`,
          {
            subject: opts.subject,
          },
        );
      }
      current = new URL(location, current);
      if (current.protocol !== 'https:' && current.protocol !== 'http:') {
        throw new BulwarkError(
          ErrorCodes.REGISTRY_HTTP,
          `Registry ${opts.subject} redirected to unsupported URL ${current.href}`,
          {
            subject: opts.subject,
          },
        );
      }
      continue;
    }
    if (RETRY_STATUSES.has(res.statusCode) && attempt < retries) {
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      await backoff(attempt++, opts.signal, res.headers['retry-after']);
      continue;
    }
    return { statusCode: res.statusCode, headers: res.headers, body: res.body, url: current.href };
  }
}

async function backoff(attempt: number, signal: AbortSignal, retryAfter?: string | string[]): Promise<void> {
  const asked = typeof retryAfter === 'string' ? Number(retryAfter) * 1000 : Number.NaN;
  // Honour a short Retry-After; never sleep more than a few seconds inside one scan step.
  const ms =
    Number.isFinite(asked) && asked >= 0
      ? Math.min(asked, 5000)
      : BACKOFF_MS * 2 ** attempt + Math.random() * 100;
  try {
    await sleep(ms, undefined, { signal });
  } catch (e) {
    throw aborted(e);
  }
}
