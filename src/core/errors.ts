/**
 * Stable error codes. A code never changes meaning once released; messages may be reworded.
 * The CLI maps every BulwarkError to exit code 2 (bad usage or unreadable input) unless noted.
 */
export const ErrorCodes = {
  USAGE: 'E_USAGE',
  INPUT_NOT_FOUND: 'E_INPUT_NOT_FOUND',
  INPUT_UNREADABLE: 'E_INPUT_UNREADABLE',
  ARCHIVE_INVALID: 'E_ARCHIVE_INVALID',
  MANIFEST_INVALID: 'E_MANIFEST_INVALID',
  LAYER_MISSING: 'E_LAYER_MISSING',
  LAYER_CORRUPT: 'E_LAYER_CORRUPT',
  DIGEST_MISMATCH: 'E_DIGEST_MISMATCH',
  PLATFORM_NOT_FOUND: 'E_PLATFORM_NOT_FOUND',
  REGISTRY_AUTH: 'E_REGISTRY_AUTH',
  REGISTRY_HTTP: 'E_REGISTRY_HTTP',
  REGISTRY_NOT_FOUND: 'E_REGISTRY_NOT_FOUND',
  REFERENCE_INVALID: 'E_REFERENCE_INVALID',
  FILE_TOO_LARGE: 'E_FILE_TOO_LARGE',
  PARSE: 'E_PARSE',
  /** An ignore file (`.bulwarkignore`) that cannot be used: not YAML, wrong shape, bad entry. */
  IGNORE_FILE_INVALID: 'E_IGNORE_FILE_INVALID',
  /** A VEX document (OpenVEX or CycloneDX) that cannot be used. */
  VEX_INVALID: 'E_VEX_INVALID',
  /** A release-gate policy that cannot be used: not YAML, unknown rule kind, bad value. */
  POLICY_INVALID: 'E_POLICY_INVALID',
  /** A file given as a Bulwark JSON report that is not one. */
  REPORT_INVALID: 'E_REPORT_INVALID',
  DB_EMPTY: 'E_DB_EMPTY',
  ABORTED: 'E_ABORTED',
  INTERNAL: 'E_INTERNAL',
  /** The database's schema is newer than this bulwark, or older and opened read-only. */
  DB_SCHEMA: 'E_DB_SCHEMA',
  /** The database file is not a SQLite database, or is damaged. */
  DB_CORRUPT: 'E_DB_CORRUPT',
  /** There is no database yet (read-only open of a missing file or an empty schema). */
  DB_MISSING: 'E_DB_MISSING',
  /** The database cannot be reached or opened (PostgreSQL down, directory not writable, locked). */
  DB_UNAVAILABLE: 'E_DB_UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An operational failure with a stable code. `subject` names the input (file, image, URL) concerned. */
export class BulwarkError extends Error {
  readonly code: ErrorCode;
  readonly subject: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { subject?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BulwarkError';
    this.code = code;
    this.subject = options?.subject;
  }
}

export function isBulwarkError(e: unknown): e is BulwarkError {
  return e instanceof BulwarkError;
}

/** Throws a coded ABORTED error when the signal has fired; call it in loops. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BulwarkError(ErrorCodes.ABORTED, 'The operation was aborted');
}

/** The short text of any thrown value, for one-line messages. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
