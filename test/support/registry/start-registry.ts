import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';

/** Debian's build of distribution/distribution (package docker-registry). */
export const REGISTRY_BIN = '/usr/bin/docker-registry';

export type RegistryAuthConfig =
  | { readonly kind: 'htpasswd'; readonly path: string }
  | {
      readonly kind: 'token';
      readonly realm: string;
      readonly service: string;
      readonly issuer: string;
      readonly rootCertBundle: string;
    };

export interface StartedRegistry {
  /** `127.0.0.1:PORT`, the registry part of image references. */
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly storageDir: string;
  /** The last output of the registry process, for failure messages. */
  log(): string;
  /** Terminates the process (SIGKILL after 3 s). Safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const running = new Set<ChildProcess>();
// Last resort if a test process exits without running its after() hooks.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function probe(url: string): Promise<number | undefined> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 1000, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

export interface StartRegistryOptions {
  readonly workDir: string;
  readonly storageDir?: string;
  readonly auth?: RegistryAuthConfig;
  /** Serve HTTPS with this key pair (e.g. from selfSignedCert). */
  readonly tls?: { readonly certPath: string; readonly keyPath: string };
}

function configFor(port: number, storageDir: string, opts: StartRegistryOptions): unknown {
  const { auth, tls } = opts;
  const authSection =
    auth?.kind === 'htpasswd'
      ? { htpasswd: { realm: 'bulwark-test', path: auth.path } }
      : auth?.kind === 'token'
        ? {
            token: {
              realm: auth.realm,
              service: auth.service,
              issuer: auth.issuer,
              rootcertbundle: auth.rootCertBundle,
            },
          }
        : undefined;
  return {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: storageDir },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: {
      addr: `127.0.0.1:${port}`,
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      ...(tls ? { tls: { certificate: tls.certPath, key: tls.keyPath } } : {}),
    },
    ...(authSection ? { auth: authSection } : {}),
  };
}

/**
 * Starts `docker-registry serve` on a free loopback port with a config in `workDir` and storage
 * in `storageDir` (default `workDir/storage`; several registries may share one to serve the same
 * images with different auth). Resolves once /v2/ answers; rejects with the process output if it
 * does not within 15 s. Call `stop()` in an after() hook.
 */
export async function startRegistry(opts: StartRegistryOptions): Promise<StartedRegistry> {
  const storageDir = opts.storageDir ?? join(opts.workDir, 'storage');
  await mkdir(storageDir, { recursive: true });
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const configPath = join(opts.workDir, `registry-${port}.json`);
    // JSON is YAML, and needs no quoting rules.
    await writeFile(configPath, JSON.stringify(configFor(port, storageDir, opts), null, 2));
    try {
      return await launch(port, configPath, storageDir, opts.tls ? 'https' : 'http');
    } catch (e) {
      lastError = e as Error;
      if (!/address already in use/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('docker-registry did not start');
}

async function launch(
  port: number,
  configPath: string,
  storageDir: string,
  scheme: string,
): Promise<StartedRegistry> {
  const child = spawn(REGISTRY_BIN, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (e) => {
      output += `\nspawn error: ${e.message}`;
      exited = true;
      running.delete(child);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exitPromise.then(() => true), sleep(3000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exitPromise;
    }
  };
  const url = `${scheme}://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`docker-registry exited before answering on ${url}:\n${output}`);
    const status = await probe(`${url}/v2/`);
    if (status === 200 || status === 401) {
      return { host: `127.0.0.1:${port}`, port, url, storageDir, log: () => output, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`docker-registry did not answer on ${url}/v2/ within ${READY_TIMEOUT_MS} ms:\n${output}`);
}
