import { join } from 'node:path';
import { runTool } from '../run-tool.ts';

/** A fresh RSA key and self-signed certificate (valid for 127.0.0.1), made with `openssl req -x509`. */
export async function selfSignedCert(
  dir: string,
  name: string,
): Promise<{ keyPath: string; certPath: string }> {
  const keyPath = join(dir, `${name}-key.pem`);
  const certPath = join(dir, `${name}-cert.pem`);
  await runTool(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { timeoutMs: 30_000 },
  );
  return { keyPath, certPath };
}
