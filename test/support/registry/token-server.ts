import { createSign, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { selfSignedCert } from './self-signed-cert.ts';

/** A docker-registry token service (the "Docker Registry v2 authentication" spec) for tests. */
export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** The self-signed certificate the registry's `rootcertbundle` must trust. */
  readonly certPath: string;
  /** Every token request: the user who asked ('' when anonymous) and the scopes. */
  readonly requests: { user: string; scopes: string[] }[];
  stop(): Promise<void>;
}

export interface TokenServerOptions {
  readonly workDir: string;
  /** user → password; these users may push and pull anywhere. */
  readonly users: Readonly<Record<string, string>>;
  /** Repositories anonymous clients may pull (name prefixes). */
  readonly publicPrefixes?: readonly string[];
  /** Users whose token comes in OAuth2's `access_token` field instead of `token` (clients accept either). */
  readonly accessTokenUsers?: readonly string[];
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Starts a token server on 127.0.0.1 that signs RS256 JWTs with a fresh key whose self-signed
 * certificate goes into the JWT's `x5c` header (see selfSignedCert).
 * Wrong credentials get 401; anonymous clients get pull access to `publicPrefixes` only.
 */
export async function startTokenServer(opts: TokenServerOptions): Promise<TokenServer> {
  const { keyPath, certPath } = await selfSignedCert(opts.workDir, 'bulwark-test-token-issuer');
  const key = await readFile(keyPath, 'utf8');
  const certDer = (await readFile(certPath, 'utf8')).replace(/-----[^-]+-----|\s/g, '');
  const service = 'bulwark-test-registry';
  const issuer = 'bulwark-test-issuer';
  const requests: { user: string; scopes: string[] }[] = [];

  const sign = (sub: string, access: { type: string; name: string; actions: string[] }[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer] };
    const claims = {
      iss: issuer,
      sub,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(key))}`;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://token');
    const scopes = url.searchParams.getAll('scope');
    const basic = parseBasic(req.headers.authorization);
    if (basic && opts.users[basic.user] !== basic.password) {
      requests.push({ user: basic.user, scopes });
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const user = basic?.user ?? '';
    requests.push({ user, scopes });
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !name || !actions) return [];
      const isPublic = (opts.publicPrefixes ?? []).some((p) => name.startsWith(p));
      const granted = actions.split(',').filter((a) => user !== '' || (isPublic && a === 'pull'));
      return [{ type, name, actions: granted }];
    });
    const token = sign(user, access);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        [opts.accessTokenUsers?.includes(user) ? 'access_token' : 'token']: token,
        expires_in: 300,
        issued_at: new Date().toISOString(),
      }),
    );
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
