import { stringify } from 'yaml';

export interface AuditWebhookConfigOptions {
  /** Where the API server sends batches: `https://<address>/audit/webhook`. */
  readonly url: string;
  /** Base64 PEM of the CA that signed the server certificate; absent: the API server's system roots. */
  readonly caBundle?: string;
  /** The server's `--api-token-file` token, sent as `Authorization: Bearer`. */
  readonly token?: string;
}

/**
 * The file for kube-apiserver's `--audit-webhook-config-file`: a kubeconfig whose cluster is the
 * Bulwark server. The API server reads only the current context's cluster and user from it.
 */
export function auditWebhookKubeconfig(opts: AuditWebhookConfigOptions): string {
  const cluster: Record<string, string> = { server: opts.url };
  if (opts.caBundle !== undefined) cluster['certificate-authority-data'] = opts.caBundle;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'bulwark', cluster }],
    users: [{ name: 'kube-apiserver', user: opts.token === undefined ? {} : { token: opts.token } }],
    contexts: [{ name: 'bulwark', context: { cluster: 'bulwark', user: 'kube-apiserver' } }],
    'current-context': 'bulwark',
  };
  return [
    '# kube-apiserver --audit-webhook-config-file: sends audit events to Bulwark (POST /audit/webhook).',
    '# Also set --audit-policy-file (see `bulwark server audit-config --only policy`).',
    stringify(doc, { lineWidth: 0 }),
  ].join('\n');
}

/** Write verbs: what changes the cluster (reads are logged at Metadata only). */
const WRITES = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * A starting audit Policy for kube-apiserver's `--audit-policy-file`, shaped by what Falco's
 * k8s_audit rules read: request and response bodies for pod changes, pod exec/attach/port-forward
 * and RBAC (the privileged-pod, exec and cluster-admin rules look inside them); request bodies for
 * the other objects the rules inspect; Metadata for everything else. Secrets and tokens never go
 * beyond Metadata, so their values never leave the API server. Health checks, events and the
 * control plane's own lease renewals are not logged: they are most of the volume and no rule
 * uses them. Every rule omits the RequestReceived stage, so each request arrives once.
 */
export function auditPolicyYaml(): string {
  const doc = {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version', '/metrics'] },
      {
        level: 'None',
        resources: [
          { group: '', resources: ['events'] },
          { group: 'events.k8s.io', resources: ['events'] },
        ],
      },
      {
        level: 'None',
        userGroups: ['system:nodes'],
        verbs: ['get', 'update', 'watch'],
        resources: [{ group: 'coordination.k8s.io', resources: ['leases'] }],
      },
      {
        level: 'None',
        users: ['system:kube-proxy'],
        verbs: ['watch'],
        resources: [
          { group: '', resources: ['endpoints', 'services'] },
          { group: 'discovery.k8s.io', resources: ['endpointslices'] },
        ],
      },
      {
        level: 'Metadata',
        resources: [
          { group: '', resources: ['secrets', 'serviceaccounts/token'] },
          { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
        ],
      },
      {
        level: 'RequestResponse',
        resources: [
          {
            group: '',
            resources: ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/ephemeralcontainers'],
          },
        ],
      },
      {
        level: 'RequestResponse',
        verbs: WRITES,
        resources: [{ group: '', resources: ['pods'] }, { group: 'rbac.authorization.k8s.io' }],
      },
      {
        level: 'Request',
        verbs: WRITES,
        resources: [
          { group: '', resources: ['configmaps', 'namespaces', 'serviceaccounts', 'services'] },
          { group: 'apps', resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
          { group: 'batch', resources: ['cronjobs', 'jobs'] },
        ],
      },
      { level: 'Metadata' },
    ],
  };
  return [
    '# kube-apiserver --audit-policy-file: what is recorded, and how much of each request.',
    '# Metadata for most; bodies where Falco-format k8s_audit rules look inside them.',
    stringify(doc, { lineWidth: 0 }),
  ].join('\n');
}
