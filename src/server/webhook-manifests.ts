import { TOOL_VERSION } from '../core/tool-version.ts';
import type { AdmissionPolicy } from '../policy/admission/admission-policy.ts';
import { POD_BEARING_KINDS } from '../policy/admission/pod-containers.ts';

export interface WebhookManifestOptions {
  /** Namespace the webhook runs in; excluded from its own checks. */
  readonly namespace: string;
  /** Name of the Service (and of the Deployment, ConfigMap and webhook configuration). */
  readonly service: string;
  readonly image: string;
  /** Base64 PEM of the CA that signed the server certificate; absent: the API server's system roots. */
  readonly caBundle?: string;
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** 1–30 seconds (the API server's limits). */
  readonly timeoutSeconds: number;
  /** The policy mounted from the ConfigMap. */
  readonly policy: AdmissionPolicy;
}

export const DEFAULT_WEBHOOK_IMAGE = `ghcr.io/bulwark/bulwark:${TOOL_VERSION}`;
/** Namespaces the webhook never sees: the control plane's own, plus the webhook's. */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;
const PORT = 8443;
const TLS_DIR = '/etc/bulwark/tls';
const POLICY_DIR = '/etc/bulwark/policy';
const POLICY_FILE = 'admission.yaml';
const UID = 65532;

/** Resources (plural, lower case) and API groups of the pod-bearing kinds the webhook checks. */
const RESOURCES: Readonly<Record<string, { group: string; resource: string }>> = {
  Pod: { group: '', resource: 'pods' },
  ReplicationController: { group: '', resource: 'replicationcontrollers' },
  Deployment: { group: 'apps', resource: 'deployments' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', resource: 'daemonsets' },
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  Job: { group: 'batch', resource: 'jobs' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
};

/** The policy as the YAML file `bulwark server --policy` reads (parseAdmissionPolicy). */
export function admissionPolicyYaml(p: AdmissionPolicy): string {
  const list = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  return [
    '# Bulwark admission policy: see `bulwark server --help`.',
    `mode: ${p.mode}                # enforce | warn | audit`,
    `profile: ${p.profile}            # baseline | restricted (Pod Security Standards level)`,
    'deny:',
    `  config-severity: ${p.configSeverity ?? 'none'}     # misconfigurations at or above; none: off`,
    `  kev: ${p.denyKev}                  # any CISA KEV finding in an image`,
    `  fixable-severity: ${p.fixableSeverity ?? 'none'} # findings at or above with a fixed version; none: off`,
    `unscanned: ${p.unscanned}             # allow | warn | deny: images without a saved scan`,
    'exempt:',
    `  namespaces: ${list(p.exemptNamespaces)}`,
    `  images: ${list(p.exemptImages)}`,
    '',
  ].join('\n');
}

/**
 * What `bulwark admission manifest` prints, in apply order: the Namespace, the policy ConfigMap,
 * the Service, the Deployment (non-root, read-only root filesystem, no capabilities, resources,
 * probes on /healthz: it passes our own rules) and the ValidatingWebhookConfiguration (v1 reviews,
 * no side effects, the system namespaces and its own excluded, the pod-bearing kinds on CREATE
 * and UPDATE). The Deployment reads its certificate from the Secret `<service>-tls`.
 */
export function webhookManifests(o: WebhookManifestOptions): Record<string, unknown>[] {
  const labels = { 'app.kubernetes.io/name': o.service, 'app.kubernetes.io/component': 'admission-webhook' };
  const meta = (name: string) => ({ name, namespace: o.namespace, labels });
  const probe = (periodSeconds: number) => ({
    httpGet: { path: '/healthz', port: 'https', scheme: 'HTTPS' },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  const byGroup = new Map<string, string[]>();
  for (const kind of POD_BEARING_KINDS) {
    const r = RESOURCES[kind];
    if (r === undefined) continue;
    byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r.resource]);
  }
  const excluded = [...new Set<string>([...SYSTEM_NAMESPACES, o.namespace])];

  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: o.namespace,
        labels: { ...labels, 'pod-security.kubernetes.io/enforce': 'restricted' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${o.service}-policy`),
      data: { [POLICY_FILE]: admissionPolicyYaml(o.policy) },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(o.service),
      spec: {
        selector: labels,
        ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(o.service),
      spec: {
        // Two replicas: with failurePolicy Fail, a restart must not stop every pod from starting.
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: UID,
              runAsGroup: UID,
              fsGroup: UID,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'bulwark',
                image: o.image,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  'server',
                  '--port',
                  String(PORT),
                  '--host',
                  '0.0.0.0',
                  '--tls-cert',
                  `${TLS_DIR}/tls.crt`,
                  '--tls-key',
                  `${TLS_DIR}/tls.key`,
                  '--policy',
                  `${POLICY_DIR}/${POLICY_FILE}`,
                ],
                ports: [{ name: 'https', containerPort: PORT, protocol: 'TCP' }],
                env: [
                  // Saved scans: a PostgreSQL URL shared with the scanners, else an empty local database.
                  {
                    name: 'BULWARK_DB',
                    valueFrom: { secretKeyRef: { name: `${o.service}-db`, key: 'url', optional: true } },
                  },
                  { name: 'BULWARK_HOME', value: '/var/lib/bulwark' },
                ],
                securityContext: {
                  privileged: false,
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  runAsUser: UID,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                resources: {
                  requests: { cpu: '100m', memory: '128Mi' },
                  limits: { cpu: '1', memory: '512Mi' },
                },
                livenessProbe: probe(10),
                readinessProbe: probe(5),
                volumeMounts: [
                  { name: 'tls', mountPath: TLS_DIR, readOnly: true },
                  { name: 'policy', mountPath: POLICY_DIR, readOnly: true },
                  { name: 'data', mountPath: '/var/lib/bulwark' },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'tls', secret: { secretName: `${o.service}-tls` } },
              { name: 'policy', configMap: { name: `${o.service}-policy` } },
              { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
              { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: o.service, labels },
      webhooks: [
        {
          name: 'validate.bulwark.dev',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: o.failurePolicy,
          timeoutSeconds: o.timeoutSeconds,
          matchPolicy: 'Equivalent',
          clientConfig: {
            service: { name: o.service, namespace: o.namespace, path: '/admission/validate', port: 443 },
            ...(o.caBundle === undefined ? {} : { caBundle: o.caBundle }),
          },
          namespaceSelector: {
            matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: excluded }],
          },
          rules: [...byGroup].map(([group, resources]) => ({
            apiGroups: [group],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources,
            scope: 'Namespaced',
          })),
        },
      ],
    },
  ];
}
