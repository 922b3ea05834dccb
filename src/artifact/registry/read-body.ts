import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';
import type { HttpResponse } from './http-get.ts';

/**
 * Reads a small response body whole, refusing more than `cap` bytes (E_FILE_TOO_LARGE) before
 * buffering them. A body that breaks off throws E_REGISTRY_HTTP.
 */
export async function readCapped(res: HttpResponse, cap: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) {
    res.body.destroy();
    throw new BulwarkError(
      ErrorCodes.FILE_TOO_LARGE,
      `${what} is ${declared} bytes, over the ${cap}-byte limit`,
      { subject: what },
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > cap) {
        res.body.destroy();
        throw new BulwarkError(ErrorCodes.FILE_TOO_LARGE, `${what} is over the ${cap}-byte limit`, {
          subject: what,
        });
      }
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    throw new BulwarkError(ErrorCodes.REGISTRY_HTTP, `Cannot read ${what}: ${errorMessage(e)}`, {
      subject: what,
      cause: e,
    });
  }
  return Buffer.concat(chunks, total);
}

/**
 * The registry's explanation of an error response (`{"errors":[{"code":…,"message":…}]}`), read
 * from at most 64 KiB of body; an empty string when there is none. Never throws.
 */
export async function registryErrorText(res: HttpResponse): Promise<string> {
  let body: Buffer;
  try {
    body = await readCapped(res, 64 * 1024, 'error response');
  } catch {
    return '';
  }
  try {
    const doc = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (Array.isArray(doc.errors)) {
      const parts = doc.errors
        .map((x: { code?: unknown; message?: unknown }) =>
          [x.code, x.message].filter((v): v is string => typeof v === 'string' && v.length > 0).join(': '),
        )
        .filter((s) => s.length > 0);
      if (parts.length > 0) return parts.join('; ').slice(0, 300);
    }
  } catch {
    // Not JSON: fall through to the text.
  }
  return body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
}
