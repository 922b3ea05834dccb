import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { ACCEPT_MANIFESTS } from '../oci/media-types.ts';
import type { RegistryCredentials } from './docker-config-credentials.ts';
import { describeNetworkError, type HttpResponse, httpGet } from './http-get.ts';
import type { ImageReference } from './parse-reference.ts';
import { readCapped, registryErrorText } from './read-body.ts';
import { RegistryAuth } from './registry-auth.ts';

export interface RegistryTimeouts {
  /** TCP + TLS connect. */
  readonly connectMs?: number;
  /** From request sent to response headers received. */
  readonly headersMs?: number;
  /** Longest silence while a body streams. */
  readonly bodyMs?: number;
}

export interface RegistryClientOptions {
  readonly reference: ImageReference;
  /** Allow plain HTTP and skip TLS verification (self-signed development registries). */
  readonly insecure: boolean;
  readonly credentials?: RegistryCredentials;
  readonly helperNote?: string;
  readonly signal: AbortSignal;
  readonly timeouts?: RegistryTimeouts;
}

export interface FetchedManifest {
  readonly bytes: Buffer;
  readonly contentType?: string;
  /** The Docker-Content-Digest header, when the registry sent one. */
  readonly digestHeader?: string;
}

const DEFAULTS = { connectMs: 15_000, headersMs: 30_000, bodyMs: 60_000 };

/**
 * A client for one repository of an OCI distribution registry (GET only). Created with
 * `connect()`, which finds the scheme (HTTPS, or HTTP too when insecure) and the auth challenge
 * with a /v2/ ping. Errors: 401/403 → E_REGISTRY_AUTH, 404 → E_REGISTRY_NOT_FOUND, other
 * statuses → E_REGISTRY_HTTP; see httpGet for transport errors and retries.
 */
export class RegistryClient {
  readonly #ref: ImageReference;
  readonly #agent: Agent;
  readonly #auth: RegistryAuth;
  readonly #signal: AbortSignal;
  #base = '';
  #closed = false;

  private constructor(opts: RegistryClientOptions) {
    this.#ref = opts.reference;
    this.#signal = opts.signal;
    const timeouts = { ...DEFAULTS, ...opts.timeouts };
    this.#agent = new Agent({
      connect: { timeout: timeouts.connectMs, rejectUnauthorized: !opts.insecure },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
    this.#auth = new RegistryAuth({
      registry: opts.reference.registry,
      repository: opts.reference.repository,
      insecure: opts.insecure,
      dispatcher: this.#agent,
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      ...(opts.helperNote ? { helperNote: opts.helperNote } : {}),
    });
  }

  static async connect(opts: RegistryClientOptions): Promise<RegistryClient> {
    const client = new RegistryClient(opts);
    try {
      await client.#ping(opts.insecure);
    } catch (e) {
      await client.close();
      throw e;
    }
    return client;
  }

  async #ping(insecure: boolean): Promise<void> {
    const { endpoint, registry } = this.#ref;
    const failures: string[] = [];
    for (const scheme of insecure ? ['https', 'http'] : ['https']) {
      let res: HttpResponse;
      try {
        res = await httpGet(`${scheme}://${endpoint}/v2/`, {
          dispatcher: this.#agent,
          headers: {},
          signal: this.#signal,
          subject: registry,
          // Probing HTTPS on a plain-HTTP registry fails at once; do not retry that.
          retries: insecure && scheme === 'https' ? 0 : 2,
          maxRedirects: 0,
        });
      } catch (e) {
        if (!(e instanceof BulwarkError) || e.code !== ErrorCodes.REGISTRY_HTTP || !insecure) throw e;
        failures.push(`${scheme}: ${describeNetworkError(e.cause)}`);
        continue;
      }
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      this.#base = `${scheme}://${endpoint}`;
      if (res.statusCode === 401) this.#auth.learn(res.headers['www-authenticate'], undefined);
      return;
    }
    throw new BulwarkError(
      ErrorCodes.REGISTRY_HTTP,
      `Cannot reach registry ${registry} at ${endpoint}/v2/ (${failures.join('; ')})`,
      {
        subject: registry,
      },
    );
  }

  /** Fetches a manifest or index by tag or digest, refusing bodies over `cap` bytes. */
  async getManifest(tagOrDigest: string, cap: number): Promise<FetchedManifest> {
    const what = `${this.#ref.familiarName}${tagOrDigest.includes(':') ? '@' : ':'}${tagOrDigest}`;
    const res = await this.#get(
      `manifests/${tagOrDigest}`,
      ACCEPT_MANIFESTS,
      `manifest ${what}`,
      this.#signal,
    );
    const bytes = await readCapped(res, cap, `manifest of ${what}`);
    const contentType = headerValue(res.headers['content-type'])?.split(';')[0]?.trim();
    const digestHeader = headerValue(res.headers['docker-content-digest'])?.trim();
    return { bytes, ...(contentType ? { contentType } : {}), ...(digestHeader ? { digestHeader } : {}) };
  }

  /** Fetches a small blob (an image config) whole, refusing bodies over `cap` bytes. Not verified. */
  async getBlob(digest: string, cap: number, what: string): Promise<Buffer> {
    const res = await this.#get(`blobs/${digest}`, '*/*', what, this.#signal);
    return readCapped(res, cap, what);
  }

  /**
   * Opens a blob as a stream (following storage redirects), governed by `signal` alone: the
   * client's own signal covers connecting and resolving. Not verified: the caller pipes it
   * through a verifier.
   */
  async openBlob(digest: string, what: string, signal: AbortSignal): Promise<Readable> {
    const res = await this.#get(`blobs/${digest}`, '*/*', what, signal);
    return res.body;
  }

  /** Releases connections; streams still open fail. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#agent.destroy();
  }

  async #get(path: string, accept: string, what: string, signal: AbortSignal): Promise<HttpResponse> {
    if (this.#closed)
      throw new BulwarkError(ErrorCodes.INTERNAL, `Cannot fetch ${what}: the registry client is closed`);
    const url = `${this.#base}/v2/${this.#ref.repository}/${path}`;
    let retried = false;
    for (;;) {
      const authorization = await this.#auth.authorization(signal);
      const res = await httpGet(url, {
        dispatcher: this.#agent,
        headers: { accept, ...(authorization ? { authorization } : {}) },
        signal,
        subject: this.#ref.registry,
      });
      if (res.statusCode === 200) return res;
      if (
        res.statusCode === 401 &&
        !retried &&
        this.#auth.learn(res.headers['www-authenticate'], authorization)
      ) {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        retried = true;
        continue;
      }
      const detail = await registryErrorText(res);
      if (res.statusCode === 401 || res.statusCode === 403)
        throw this.#auth.deniedError(res.statusCode, what, detail);
      if (res.statusCode === 404) {
        throw new BulwarkError(
          ErrorCodes.REGISTRY_NOT_FOUND,
          `${what} was not found in registry ${this.#ref.registry}${detail ? ` (${detail})` : ''}`,
          { subject: what },
        );
      }
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `Registry ${this.#ref.registry} answered HTTP ${res.statusCode} for ${what}${detail ? `: ${detail}` : ''}`,
        { subject: this.#ref.registry },
      );
    }
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
