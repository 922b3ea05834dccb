import type { Dispatcher } from 'undici';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { RegistryCredentials } from './docker-config-credentials.ts';
import { httpGet } from './http-get.ts';
import { type AuthChallenge, parseWwwAuthenticate } from './parse-www-authenticate.ts';
import { readCapped, registryErrorText } from './read-body.ts';

export interface RegistryAuthOptions {
  /** Registry name for messages: `docker.io`, `127.0.0.1:5000`. */
  readonly registry: string;
  readonly repository: string;
  readonly credentials?: RegistryCredentials;
  /** Why no credentials were found (a credential helper is configured), quoted in auth errors. */
  readonly helperNote?: string;
  readonly insecure: boolean;
  /** Carries the connect/headers/body timeouts and the TLS settings. */
  readonly dispatcher: Dispatcher;
}

type Scheme = { kind: 'basic' } | { kind: 'bearer'; realm: string; service?: string; scope: string };

const MAX_TOKEN_RESPONSE = 1024 * 1024;
const DEFAULT_TOKEN_LIFETIME_S = 60;

/**
 * Authorization for one repository on one registry: anonymous until the registry challenges,
 * then Basic (with credentials) or Bearer tokens from the challenge's realm (with Basic
 * credentials when we have them, anonymously otherwise), cached per scope until they expire.
 */
export class RegistryAuth {
  readonly #opts: RegistryAuthOptions;
  #scheme: Scheme | undefined;
  readonly #tokens = new Map<string, { value: string; expiresAt: number }>();

  constructor(opts: RegistryAuthOptions) {
    this.#opts = opts;
  }

  get #defaultScope(): string {
    return `repository:${this.#opts.repository}:pull`;
  }

  /**
   * Learns the scheme from a 401's WWW-Authenticate header (or the /v2/ ping's). Returns true
   * when a retry with new authorization is worth it, false when nothing new can be tried.
   */
  learn(header: string | string[] | undefined, sent: string | undefined): boolean {
    const challenges = parseWwwAuthenticate(header);
    const bearer = challenges.find((c: AuthChallenge) => c.scheme === 'bearer');
    const realm = bearer?.params.realm;
    if (bearer && realm) {
      const scope = bearer.params.scope || this.#defaultScope;
      const service = bearer.params.service;
      this.#scheme = { kind: 'bearer', realm, scope, ...(service ? { service } : {}) };
      this.#tokens.delete(this.#tokenKey(this.#scheme));
      return true;
    }
    if (challenges.some((c) => c.scheme === 'basic') && this.#opts.credentials) {
      this.#scheme = { kind: 'basic' };
      return !sent?.startsWith('Basic ');
    }
    return false;
  }

  /** The Authorization header for the next registry request; fetches a bearer token when needed. */
  async authorization(signal: AbortSignal): Promise<string | undefined> {
    const scheme = this.#scheme;
    if (!scheme) return undefined;
    if (scheme.kind === 'basic') return this.#basic();
    const key = this.#tokenKey(scheme);
    const cached = this.#tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.value}`;
    const token = await this.#fetchToken(scheme, signal);
    this.#tokens.set(key, token);
    return `Bearer ${token.value}`;
  }

  /** E_REGISTRY_AUTH for a 401/403 the registry kept answering, with what the user can do. */
  deniedError(status: number, what: string, detail: string): BulwarkError {
    const { registry, credentials, helperNote } = this.#opts;
    const hint = credentials
      ? `check the credentials of user "${credentials.username}" and their access to ${this.#opts.repository}`
      : helperNote
        ? `${helperNote}; pass --username/--password`
        : 'it may need credentials (--username/--password or docker login), or the repository may not exist';
    return new BulwarkError(
      ErrorCodes.REGISTRY_AUTH,
      `Registry ${registry} denied access to ${what} (HTTP ${status}${detail ? `: ${detail}` : ''}); ${hint}`,
      { subject: registry },
    );
  }

  #tokenKey(s: Scheme & { kind: 'bearer' }): string {
    return `${s.realm}\n${s.service ?? ''}\n${s.scope}`;
  }

  #basic(): string | undefined {
    const c = this.#opts.credentials;
    return c ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` : undefined;
  }

  async #fetchToken(
    s: Scheme & { kind: 'bearer' },
    signal: AbortSignal,
  ): Promise<{ value: string; expiresAt: number }> {
    const { registry, insecure } = this.#opts;
    let url: URL;
    try {
      url = new URL(s.realm);
    } catch {
      throw new BulwarkError(
        ErrorCodes.REGISTRY_AUTH,
        `Registry ${registry} sent an invalid token realm "${s.realm}"`,
        { subject: registry },
      );
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && insecure)) {
      throw new BulwarkError(
        ErrorCodes.REGISTRY_AUTH,
        `Registry ${registry} asks for a token from ${url.origin}, which is not HTTPS; use --insecure to allow it`,
        { subject: registry },
      );
    }
    if (s.service) url.searchParams.set('service', s.service);
    for (const scope of s.scope.split(' ').filter(Boolean)) url.searchParams.append('scope', scope);
    const basic = this.#basic();
    const res = await httpGet(url.href, {
      dispatcher: this.#opts.dispatcher,
      headers: { accept: 'application/json', ...(basic ? { authorization: basic } : {}) },
      signal,
      subject: `${registry} token service ${url.origin}`,
    });
    if (res.statusCode === 401 || res.statusCode === 403) {
      throw this.deniedError(
        res.statusCode,
        `a token for ${s.scope} from ${url.origin}`,
        await registryErrorText(res),
      );
    }
    if (res.statusCode !== 200) {
      const detail = await registryErrorText(res);
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `Token service ${url.origin} for registry ${registry} answered HTTP ${res.statusCode}${detail ? `: ${detail}` : ''}`,
        { subject: registry },
      );
    }
    const body = await readCapped(res, MAX_TOKEN_RESPONSE, `token response from ${url.origin}`);
    let doc: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      doc = JSON.parse(body.toString('utf8')) as typeof doc;
    } catch {
      doc = {};
    }
    const value = typeof doc.token === 'string' && doc.token ? doc.token : doc.access_token;
    if (typeof value !== 'string' || value.length === 0) {
      throw new BulwarkError(
        ErrorCodes.REGISTRY_AUTH,
        `Token service ${url.origin} for registry ${registry} returned no token`,
        {
          subject: registry,
        },
      );
    }
    const lifetime =
      typeof doc.expires_in === 'number' && doc.expires_in > 0 ? doc.expires_in : DEFAULT_TOKEN_LIFETIME_S;
    // Renew a little early so a token does not expire between the check and the request.
    return { value, expiresAt: Date.now() + Math.max(lifetime - 10, 1) * 1000 };
  }
}
