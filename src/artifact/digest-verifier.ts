import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';

const DIGEST_RE = /^(sha256|sha512):([a-f0-9]+)$/;

/** Throws E_MANIFEST_INVALID unless `digest` is a well-formed sha256/sha512 digest. */
export function parseDigest(
  digest: string,
  subject: string,
): { algorithm: 'sha256' | 'sha512'; hex: string } {
  const m = DIGEST_RE.exec(digest);
  const algorithm = m?.[1] as 'sha256' | 'sha512' | undefined;
  const hex = m?.[2];
  if (!algorithm || !hex || hex.length !== (algorithm === 'sha256' ? 64 : 128)) {
    throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${subject}: invalid digest "${digest}"`, {
      subject,
    });
  }
  return { algorithm, hex };
}

/**
 * A pass-through stream that hashes what flows through it and fails with E_DIGEST_MISMATCH at the
 * end when the content does not match `digest` (and, when given, `size`). Never a silent pass.
 */
export function digestVerifier(digest: string, subject: string, size?: number): Transform {
  const { algorithm, hex } = parseDigest(digest, subject);
  const hash = createHash(algorithm);
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      hash.update(chunk);
      seen += chunk.length;
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      const actual = hash.digest('hex');
      if (size !== undefined && size >= 0 && seen !== size) {
        cb(
          new BulwarkError(
            ErrorCodes.DIGEST_MISMATCH,
            `${subject}: expected ${size} bytes for ${digest}, got ${seen}`,
            { subject },
          ),
        );
        return;
      }
      if (actual !== hex) {
        cb(
          new BulwarkError(
            ErrorCodes.DIGEST_MISMATCH,
            `${subject}: content digest is ${algorithm}:${actual}, expected ${digest}`,
            { subject },
          ),
        );
        return;
      }
      cb();
    },
  });
}

/** Verifies a whole buffer; throws E_DIGEST_MISMATCH. */
export function verifyBufferDigest(data: Uint8Array, digest: string, subject: string): void {
  const { algorithm, hex } = parseDigest(digest, subject);
  const actual = createHash(algorithm).update(data).digest('hex');
  if (actual !== hex) {
    throw new BulwarkError(
      ErrorCodes.DIGEST_MISMATCH,
      `${subject}: content digest is ${algorithm}:${actual}, expected ${digest}`,
      { subject },
    );
  }
}

/** `src` piped through digestVerifier, with `src`'s errors passed on (pipe() alone drops them). */
export function verifiedStream(src: Readable, digest: string, subject: string, size?: number): Readable {
  const verifier = digestVerifier(digest, subject, size);
  src.on('error', (e) => verifier.destroy(e));
  verifier.on('close', () => src.destroy());
  return src.pipe(verifier);
}
