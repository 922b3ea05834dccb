import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';
import type { Upstream } from './upstreams.ts';

export interface DownloadProgress {
  readonly source: string;
  readonly url: string;
  readonly bytes: number;
  readonly total?: number;
}

export interface DownloadResult {
  readonly dir: string;
  /** Files fetched anew; the others were unchanged upstream (HTTP 304). */
  readonly fetched: number;
  readonly unchanged: number;
}

/**
 * Downloads every URL of `upstream` into `<cacheDir>/<source>/`, each to a `.part` file renamed
 * into place only when complete, so an interrupted download never leaves half a feed. `.gz`
 * bodies are inflated on the way (EPSS is published gzipped). A stored ETag / Last-Modified makes
 * the next request conditional: an unchanged feed is not downloaded again. Files left from an
 * older list of URLs are removed. `file:` URLs are copied (for mirrors on disk and tests).
 */
export async function downloadUpstream(
  upstream: Upstream,
  cacheDir: string,
  opts: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void } = {},
): Promise<DownloadResult> {
  const dir = join(cacheDir, upstream.source);
  await mkdir(dir, { recursive: true });
  const names = new Set<string>();
  let fetched = 0;
  let unchanged = 0;
  for (const url of upstream.urls) {
    const name = fileNameFor(url, names);
    names.add(name);
    const target = join(dir, name);
    const metaFile = join(dir, `.${name}.meta.json`);
    const meta = await readMeta(metaFile);
    const headers: Record<string, string> = { 'user-agent': 'bulwark (vulnerability database update)' };
    if (meta.etag) headers['if-none-match'] = meta.etag;
    if (meta.lastModified) headers['if-modified-since'] = meta.lastModified;
    let res: Response;
    try {
      res = url.startsWith('file:')
        ? new Response(Readable.toWeb(await fileStream(url)) as ReadableStream)
        : await fetch(url, { headers, ...(opts.signal ? { signal: opts.signal } : {}), redirect: 'follow' });
    } catch (e) {
      if (opts.signal?.aborted) throw new BulwarkError(ErrorCodes.ABORTED, 'The operation was aborted');
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `${upstream.source}: cannot fetch ${url} (${errorMessage(e)})`,
        {
          subject: url,
        },
      );
    }
    if (res.status === 304) {
      unchanged++;
      continue;
    }
    if (!res.ok || !res.body) {
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `${upstream.source}: ${url} answered HTTP ${res.status}`,
        {
          subject: url,
        },
      );
    }
    const total = Number(res.headers.get('content-length')) || undefined;
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        opts.onProgress?.({ source: upstream.source, url, bytes, ...(total ? { total } : {}) });
        cb(null, chunk);
      },
    });
    const part = `${target}.part`;
    const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
    const stages: NodeJS.ReadWriteStream[] = [count];
    if (/\.gz$/i.test(new URL(url).pathname)) stages.push(createGunzip());
    try {
      await pipeline([body, ...stages, createWriteStream(part)], opts.signal ? { signal: opts.signal } : {});
    } catch (e) {
      await rm(part, { force: true });
      if (opts.signal?.aborted) throw new BulwarkError(ErrorCodes.ABORTED, 'The operation was aborted');
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `${upstream.source}: download of ${url} failed (${errorMessage(e)})`,
        {
          subject: url,
        },
      );
    }
    await rename(part, target);
    const etag = res.headers.get('etag');
    const lastModified = res.headers.get('last-modified');
    await writeFile(
      metaFile,
      JSON.stringify({ url, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) }),
    );
    fetched++;
  }
  for (const f of await readdir(dir)) {
    if (!f.startsWith('.') && !names.has(f)) await rm(join(dir, f), { force: true });
  }
  return { dir, fetched, unchanged };
}

/**
 * A file name from the URL: its path segments joined (`v3.18_main.json`, `Go_all.zip`), `.gz`
 * dropped (the body is inflated), `.json` added to extension-less JSON endpoints such as the
 * Debian tracker's `/tracker/data/json`.
 */
export function fileNameFor(url: string, taken: ReadonlySet<string> = new Set()): string {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let name = (segments.length >= 2 ? segments.slice(-2) : segments)
    .join('_')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  name = name.replace(/\.gz$/i, '');
  if (/(^|_)json$/.test(name)) name = `${name}.json`;
  if (name === '' || name.startsWith('.')) name = `feed${name}`;
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${i}-${name}`;
  return unique;
}

async function readMeta(file: string): Promise<{ etag?: string; lastModified?: string }> {
  try {
    const m: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof m !== 'object' || m === null) return {};
    const { etag, lastModified } = m as Record<string, unknown>;
    return {
      ...(typeof etag === 'string' ? { etag } : {}),
      ...(typeof lastModified === 'string' ? { lastModified } : {}),
    };
  } catch {
    return {};
  }
}

async function fileStream(url: string): Promise<Readable> {
  const { createReadStream } = await import('node:fs');
  return createReadStream(fileURLToPath(url));
}
