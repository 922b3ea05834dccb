import { existsSync } from 'node:fs';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { readInputFile } from '../match/filters/read-input-file.ts';

const CA_FILE_BYTES = 1024 * 1024;

/**
 * `--ca-bundle` of the manifest commands: a PEM file, PEM text, or base64 PEM already → base64
 * PEM, as a webhook configuration's `caBundle` (and a kubeconfig's certificate-authority-data)
 * wants it.
 */
export async function caBundleOf(value: string): Promise<string> {
  const pem = existsSync(value)
    ? await readInputFile(value, 'CA bundle', CA_FILE_BYTES)
    : value.includes('-----BEGIN')
      ? value
      : Buffer.from(value, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new BulwarkError(
      ErrorCodes.USAGE,
      '--ca-bundle: expected a PEM file, PEM text or base64 PEM holding a CERTIFICATE',
    );
  }
  return Buffer.from(pem, 'utf8').toString('base64');
}
