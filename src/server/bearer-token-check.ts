import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A check of an `Authorization` header against the token: `Bearer <token>` (scheme in any case).
 * Both sides are hashed first so the comparison takes the same time whatever the length or the
 * first differing byte of what was sent.
 */
export function bearerTokenCheck(token: string): (authorization: string | undefined) => boolean {
  const want = sha256(token);
  return (authorization) => {
    const m = /^bearer +(\S+) *$/i.exec(authorization ?? '');
    const sent = sha256(m?.[1] ?? '');
    // Compared even when the header is missing, so that case takes no less time.
    return timingSafeEqual(sent, want) && m !== null;
  };
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
