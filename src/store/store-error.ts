import { BulwarkError, ErrorCodes, errorMessage } from '../core/errors.ts';

/** PostgreSQL SQLSTATEs and socket errors meaning "cannot reach or log in to the server". */
const PG_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '28000',
  '28P01',
  '3D000',
  '57P01',
  '57P03',
]);

/**
 * Turns a driver error that means "this database is unusable" into a coded BulwarkError with what
 * to do about it; every other value is returned as it was (a bug should keep its stack).
 * `location` is the database file path or the PostgreSQL URL without its password.
 */
export function storeError(e: unknown, location: string): unknown {
  if (e instanceof BulwarkError) return e;
  const code = errorCode(e);
  if (code === undefined) return e;
  const why = errorMessage(e);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new BulwarkError(
      ErrorCodes.DB_CORRUPT,
      `Cannot read the vulnerability database ${location}: it is not a SQLite database or it is damaged (${why}). ` +
        'Remove the file and run `bulwark db update` to rebuild it',
      { subject: location, cause: e },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM') {
    return new BulwarkError(
      ErrorCodes.DB_UNAVAILABLE,
      `Cannot open the vulnerability database ${location}: ${why}`,
      { subject: location, cause: e },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new BulwarkError(
      ErrorCodes.DB_UNAVAILABLE,
      `The vulnerability database ${location} is locked by another process (${why}); try again when it has finished`,
      { subject: location, cause: e },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === '25006') {
    return new BulwarkError(
      ErrorCodes.DB_UNAVAILABLE,
      `Cannot write to the vulnerability database ${location}: it is read-only (${why})`,
      { subject: location, cause: e },
    );
  }
  if (PG_UNAVAILABLE.has(code)) {
    return new BulwarkError(
      ErrorCodes.DB_UNAVAILABLE,
      `Cannot connect to the PostgreSQL database ${location}: ${why || code}`,
      { subject: location, cause: e },
    );
  }
  if (code === '42P01') {
    return new BulwarkError(
      ErrorCodes.DB_SCHEMA,
      `The PostgreSQL database ${location} is missing bulwark's tables (${why}): run \`bulwark db update\``,
      { subject: location, cause: e },
    );
  }
  return e;
}

/** The driver's error code: SqliteError's `SQLITE_…`, pg's SQLSTATE, or a socket's `E…`. */
function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused connection to "localhost" (IPv4 and IPv6) as an AggregateError.
  if (e instanceof AggregateError) return errorCode(e.errors[0]);
  return undefined;
}

/** The PostgreSQL URL as it may be shown: without a password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL URL given';
  }
}
