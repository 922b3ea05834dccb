import type { ConfigFinding } from '../../../core/config-finding.ts';
import type { ScanResult } from '../../../core/scan-result.ts';

// Hand-built configuration findings: the seed attack's pod (a hostPath volume mounting the host's
// `/`, privileged), a Deployment and a Dockerfile; one suppressed by annotation, one INFO. Rule ids
// and messages are illustrative; the gate only reads them.

type Fields = Pick<ConfigFinding, 'ruleId' | 'severity' | 'message' | 'resource' | 'location'> &
  Partial<ConfigFinding>;

function cf(f: Fields): ConfigFinding {
  return { messageId: 'm', title: f.ruleId, remediation: 'fix it', references: [], ...f };
}

const attacker = { kind: 'Pod', namespace: 'default', name: 'attacker', apiVersion: 'v1' } as const;
const web = { kind: 'Deployment', namespace: 'shop', name: 'web', apiVersion: 'apps/v1' } as const;

/** Out of report order on purpose. */
export const MISCONFIGURATIONS: ConfigFinding[] = [
  cf({
    ruleId: 'BW-K8S-032',
    severity: 'INFO',
    message: 'image "nginx:1.27" of container "web" is not pinned by digest',
    resource: web,
    location: { file: 'deploy/web.yaml', startLine: 21 },
  }),
  cf({
    ruleId: 'BW-K8S-001',
    severity: 'HIGH',
    message: 'container "shell" is privileged',
    resource: attacker,
    location: { file: 'deploy/pod.yaml', startLine: 9, path: 'spec.containers[0].securityContext.privileged' },
  }),
  cf({
    ruleId: 'BW-K8S-014',
    severity: 'CRITICAL',
    message: 'hostPath volume "host" mounts the host\'s /',
    resource: attacker,
    location: { file: 'deploy/pod.yaml', startLine: 12, path: 'spec.volumes[0].hostPath.path' },
  }),
  cf({
    ruleId: 'BW-DF-003',
    severity: 'MEDIUM',
    message: 'RUN pipes a download into a shell (curl … | sh)',
    resource: { kind: 'Dockerfile', name: 'build' },
    location: { file: 'Dockerfile', startLine: 7, endLine: 9 },
  }),
  cf({
    ruleId: 'BW-K8S-041',
    severity: 'LOW',
    message: 'container "web" has no liveness probe',
    resource: web,
    location: { file: 'deploy/web.yaml', startLine: 20 },
  }),
  cf({
    ruleId: 'BW-DF-001',
    severity: 'HIGH',
    message: 'the final stage sets no USER, so the container runs as root',
    resource: { kind: 'Dockerfile', name: 'runtime' },
    location: { file: 'Dockerfile' },
  }),
  // Suppressed by an annotation: must never count, however severe.
  cf({
    ruleId: 'BW-K8S-005',
    severity: 'CRITICAL',
    message: 'container "shell" shares the host PID namespace',
    resource: attacker,
    location: { file: 'deploy/pod.yaml', startLine: 5, path: 'spec.hostPID' },
    suppressed: { kind: 'ignore', status: 'ignored', reason: 'node debugger', source: 'bulwark.dev/ignore' },
  }),
];

/**
 * A `bulwark config deploy --format json` report (schemaVersion 1): no packages, only
 * misconfigurations; `null`: none ran (no `misconfigurations` section).
 */
export function configReport(
  misconfigurations: ConfigFinding[] | null = MISCONFIGURATIONS,
): ScanResult & { schemaVersion: 1 } {
  const base = {
    schemaVersion: 1 as const,
    tool: { name: 'bulwark' as const, version: '0.1.0' },
    target: { kind: 'config' as const, name: 'deploy' },
    packages: [],
    relationships: [],
    errors: [],
    createdAt: '2025-06-15T12:00:00.000Z',
  };
  return misconfigurations === null ? base : { ...base, misconfigurations };
}
