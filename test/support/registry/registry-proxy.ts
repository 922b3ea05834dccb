import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does differently from the registry behind it. */
export interface ProxyBehaviour {
  /** Flip one byte in the middle of this blob (same length, wrong digest). */
  readonly tamperBlob?: string;
  /** Send this Docker-Content-Digest with manifests instead of the registry's. */
  readonly manifestDigestHeader?: string;
  /** Demand these Basic credentials on /v2/ (401 with a Basic challenge otherwise). */
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** Answer blob GETs with a 307 to a second "storage" server on another port (another origin). */
  readonly redirectBlobs?: boolean;
  /** Answer the first N GETs of each blob with 503. */
  readonly failBlobRequests?: number;
  /** Send half of this blob, then nothing more (the client's body timeout must fire). */
  readonly stallBlob?: string;
}

export interface ProxyRequest {
  readonly server: 'registry' | 'storage';
  readonly path: string;
  readonly authorization?: string;
  readonly status: number;
}

export interface StartedProxy {
  /** `127.0.0.1:PORT` to use in image references. */
  readonly host: string;
  readonly requests: ProxyRequest[];
  stop(): Promise<void>;
}

const BLOB_PATH = /^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * A small HTTP proxy in front of a plain-HTTP registry (`upstream` = http://127.0.0.1:PORT) that
 * misbehaves on purpose, and records every request (with its Authorization header) it saw.
 * Bodies are buffered: test images only.
 */
export async function startRegistryProxy(upstream: string, behaviour: ProxyBehaviour): Promise<StartedProxy> {
  const requests: ProxyRequest[] = [];
  const blobHits = new Map<string, number>();
  let storagePort = 0;

  const forward = async (
    server: ProxyRequest['server'],
    req: IncomingMessage,
    res: ServerResponse,
    upstreamPath: string,
  ): Promise<void> => {
    const up = await fetch(`${upstream}${upstreamPath}`, {
      headers: { accept: req.headers.accept ?? '*/*' },
      redirect: 'manual',
    });
    let body = Buffer.from(await up.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of [
      'content-type',
      'docker-content-digest',
      'www-authenticate',
      'docker-distribution-api-version',
    ]) {
      const v = up.headers.get(name);
      if (v) headers[name] = v;
    }
    const digest = BLOB_PATH.exec(upstreamPath)?.[2];
    if (digest && digest === behaviour.tamperBlob && body.length > 0) {
      body = Buffer.from(body);
      const middle = Math.floor(body.length / 2);
      body[middle] = (body[middle] ?? 0) ^ 0xff;
    }
    if (upstreamPath.includes('/manifests/') && behaviour.manifestDigestHeader) {
      headers['docker-content-digest'] = behaviour.manifestDigestHeader;
    }
    record(server, req, up.status);
    if (digest && digest === behaviour.stallBlob) {
      res.writeHead(up.status, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      return; // never ends: the client has to give up
    }
    res.writeHead(up.status, { ...headers, 'content-length': String(body.length) }).end(body);
  };

  const record = (server: ProxyRequest['server'], req: IncomingMessage, status: number): void => {
    const authorization = req.headers.authorization;
    requests.push({ server, path: req.url ?? '', status, ...(authorization ? { authorization } : {}) });
  };

  const registry = createServer((req, res) => {
    const path = req.url ?? '/';
    const { basicAuth } = behaviour;
    if (basicAuth) {
      const expected = `Basic ${Buffer.from(`${basicAuth.user}:${basicAuth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        record('registry', req, 401);
        res.writeHead(401, {
          'www-authenticate': 'Basic realm="bulwark-proxy"',
          'content-type': 'application/json',
        });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
        return;
      }
    }
    const blob = BLOB_PATH.exec(path);
    if (blob?.[2]) {
      const hits = (blobHits.get(blob[2]) ?? 0) + 1;
      blobHits.set(blob[2], hits);
      if (hits <= (behaviour.failBlobRequests ?? 0)) {
        record('registry', req, 503);
        res.writeHead(503).end('try again');
        return;
      }
      if (behaviour.redirectBlobs) {
        record('registry', req, 307);
        res
          .writeHead(307, { location: `http://127.0.0.1:${storagePort}/storage/${blob[1]}/${blob[2]}` })
          .end();
        return;
      }
    }
    forward('registry', req, res, path).catch((e: Error) => res.destroy(e));
  });

  const storage = createServer((req, res) => {
    const m = /^\/storage\/(.+)\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '');
    if (!m) {
      record('storage', req, 404);
      res.writeHead(404).end();
      return;
    }
    forward('storage', req, res, `/v2/${m[1]}/blobs/${m[2]}`).catch((e: Error) => res.destroy(e));
  });

  const port = await listen(registry);
  storagePort = await listen(storage);
  return {
    host: `127.0.0.1:${port}`,
    requests,
    stop: async () => {
      await Promise.all([close(registry), close(storage)]);
    },
  };
}
