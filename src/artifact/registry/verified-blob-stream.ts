import { pipeline, Readable } from 'node:stream';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { digestVerifier } from '../digest-verifier.ts';
import { describeNetworkError } from './http-get.ts';

export interface VerifiedBlobStreamOptions {
  readonly digest: string;
  /** Declared size; -1 or undefined when unknown. Reading past it fails at once. */
  readonly size?: number;
  /** Names the blob in errors: `layer 2 (sha256:…) of registry/repo:tag`. */
  readonly subject: string;
  readonly signal: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
}

/**
 * Wraps a blob response body: counts bytes (failing with E_DIGEST_MISMATCH as soon as more than
 * the declared size arrive), turns transport failures into E_REGISTRY_HTTP / E_ABORTED, and pipes
 * through digestVerifier so the stream fails at its end unless the digest matches. Nothing is
 * buffered beyond the streams' high-water marks. Destroying the result destroys `body`.
 */
export function verifiedBlobStream(body: Readable, opts: VerifiedBlobStreamOptions): Readable {
  const { digest, subject, signal, onBytes } = opts;
  const size = opts.size !== undefined && opts.size >= 0 ? opts.size : undefined;
  async function* guarded(): AsyncGenerator<Buffer> {
    let seen = 0;
    try {
      for await (const chunk of body) {
        const buf = chunk as Buffer;
        seen += buf.length;
        if (size !== undefined && seen > size) {
          throw new BulwarkError(
            ErrorCodes.DIGEST_MISMATCH,
            `${subject}: more than the declared ${size} bytes for ${digest}`,
            {
              subject,
            },
          );
        }
        onBytes?.(seen);
        yield buf;
      }
    } catch (e) {
      if (e instanceof BulwarkError) throw e;
      if (signal.aborted)
        throw new BulwarkError(ErrorCodes.ABORTED, 'The operation was aborted', { cause: e });
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `Cannot read ${subject}: the download failed after ${seen} bytes (${describeNetworkError(e)})`,
        { subject, cause: e },
      );
    } finally {
      body.destroy();
    }
  }
  const verifier = digestVerifier(digest, subject, size);
  // Errors reach the consumer through `verifier`, which pipeline destroys with the first error.
  pipeline(Readable.from(guarded(), { objectMode: false }), verifier, () => undefined);
  return verifier;
}
