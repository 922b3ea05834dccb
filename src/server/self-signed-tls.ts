import { generate } from 'selfsigned';

export interface SelfSignedTls {
  /** The server certificate and its key (PEM), for buildServer. */
  readonly cert: string;
  readonly key: string;
  /** The CA that signed it (PEM): what clients trust. */
  readonly caPem: string;
  /** `caPem` in base64, ready for the webhook configuration's `caBundle`. */
  readonly caBundle: string;
  /** The names the certificate is valid for. */
  readonly dnsNames: readonly string[];
}

/** DNS names a Service `service` in `namespace` is reached by, and the loopback ones. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
    `${service}.${namespace}`,
    service,
    'localhost',
  ];
}

/**
 * A throwaway CA and a server certificate it signs (P-256, SHA-256, valid one year) for the webhook
 * Service `service` in `namespace`, localhost, 127.0.0.1 and ::1. For development: the key lives
 * only in memory, so every start makes a new CA and the webhook's caBundle must be updated.
 */
export async function selfSignedTls(
  opts: { readonly service?: string; readonly namespace?: string } = {},
): Promise<SelfSignedTls> {
  const service = opts.service ?? 'bulwark';
  const namespace = opts.namespace ?? 'bulwark';
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000);
  const common = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate, notAfterDate } as const;
  const ca = await generate(
    [{ name: 'commonName', value: `bulwark development CA (${service}.${namespace})` }],
    {
      ...common,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    },
  );
  const dnsNames = serviceDnsNames(service, namespace);
  const server = await generate([{ name: 'commonName', value: dnsNames[0]! }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dnsNames.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return {
    cert: server.cert,
    key: server.private,
    caPem: ca.cert,
    caBundle: Buffer.from(ca.cert, 'utf8').toString('base64'),
    dnsNames,
  };
}
