// Configuration findings for the report tests, hand-built (see README.md): the seed attack's pod
// (hostPath `/` and privileged), a Deployment, and a Dockerfile. Rule ids and messages are
// illustrative; the encoders only carry them.
import type { ConfigFinding } from '../../core/config-finding.ts';
import type { ScanResult } from '../../core/scan-result.ts';

const K8S_DOCS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const attacker = { kind: 'Pod', name: 'attacker', namespace: 'default', apiVersion: 'v1' } as const;
const web = { kind: 'Deployment', name: 'web', namespace: 'shop', apiVersion: 'apps/v1' } as const;

/** The seven findings in report order: severity, file, line, rule id. */
export function configFindings(): ConfigFinding[] {
  return [
    {
      ruleId: 'BW-K8S-014',
      messageId: 'hostPathRoot',
      severity: 'CRITICAL',
      title: 'Sensitive host path mounted',
      message: 'hostPath volume "host" mounts the host\'s /',
      remediation: 'Do not mount host paths; use a PersistentVolumeClaim, a ConfigMap or an emptyDir.',
      references: [`${K8S_DOCS}#baseline`, 'KSV023', 'C-0048'],
      resource: attacker,
      location: { file: 'deploy/pod.yaml', startLine: 12, endLine: 14, path: 'spec.volumes[0].hostPath.path' },
    },
    {
      ruleId: 'BW-DF-001',
      messageId: 'noUser',
      severity: 'HIGH',
      title: 'Image runs as root',
      message: 'the final stage sets no USER, so the container runs as root',
      remediation: 'Add `USER <non-root uid>` after the last instruction that needs root.',
      references: ['https://docs.docker.com/reference/dockerfile/#user', 'DS002'],
      resource: { kind: 'Dockerfile', name: 'runtime' },
      location: { file: 'Dockerfile' },
    },
    {
      ruleId: 'BW-K8S-001',
      messageId: 'privileged',
      severity: 'HIGH',
      title: 'Privileged container',
      message: 'container "shell" is privileged',
      remediation: 'Remove `securityContext.privileged` or set it to false.',
      references: [`${K8S_DOCS}#baseline`, 'KSV017'],
      resource: attacker,
      location: {
        file: 'deploy/pod.yaml',
        startLine: 9,
        endLine: 9,
        path: 'spec.containers[0].securityContext.privileged',
      },
    },
    {
      ruleId: 'BW-DF-003',
      messageId: 'pipeToShell',
      severity: 'MEDIUM',
      title: 'Download piped into a shell',
      message: 'RUN pipes a download into a shell (curl … | sh)',
      remediation: 'Download the script, check its checksum, then run it.',
      references: ['https://docs.docker.com/build/building/best-practices/#run'],
      resource: { kind: 'Dockerfile', name: 'build' },
      location: { file: 'Dockerfile', startLine: 7, endLine: 9 },
    },
    {
      ruleId: 'BW-K8S-020',
      messageId: 'noLimits',
      severity: 'MEDIUM',
      title: 'Resource limits not set',
      message: 'container "shell" has no CPU or memory limit',
      remediation: 'Set `resources.limits.cpu` and `resources.limits.memory`.',
      references: ['KSV011'],
      resource: attacker,
      location: { file: 'deploy/pod.yaml', startLine: 6, path: 'spec.containers[0].resources' },
      suppressed: {
        kind: 'ignore',
        status: 'ignored',
        reason: 'short-lived debug pod',
        source: 'bulwark.dev/ignore annotation',
      },
    },
    {
      ruleId: 'BW-K8S-041',
      messageId: 'noLivenessProbe',
      severity: 'LOW',
      title: 'Liveness probe not set',
      message: 'container "web" has no liveness probe',
      remediation: 'Add a `livenessProbe`.',
      references: [],
      resource: web,
      location: { file: 'deploy/web.yaml', startLine: 20, path: 'spec.template.spec.containers[0]' },
    },
    {
      ruleId: 'BW-K8S-032',
      messageId: 'notPinned',
      severity: 'INFO',
      title: 'Image not pinned by digest',
      message: 'image "nginx:1.27" of container "web" is not pinned by digest',
      remediation: 'Refer to the image as `nginx:1.27@sha256:…`.',
      references: [],
      resource: web,
      location: { file: 'deploy/web.yaml', startLine: 21, path: 'spec.template.spec.containers[0].image' },
    },
  ];
}

/** `bulwark config deploy`: no packages, the findings in report order. */
export function configScan(): ScanResult {
  return {
    target: { kind: 'config', name: 'deploy' },
    packages: [],
    relationships: [],
    errors: [{ path: 'deploy/broken.yaml', stage: 'config/kubernetes', message: 'not valid YAML at line 3' }],
    misconfigurations: configFindings(),
    createdAt: '2025-09-01T10:20:30Z',
    tool: { name: 'bulwark', version: '0.1.0' },
  };
}
