import type { ConfigFinding, ConfigSeverity } from '../core/config-finding.ts';
import { isRecord } from '../core/is-record.ts';

// A tiny stand-in for the real Kubernetes rules, for the admission webhook's tests: four checks
// with TEST- ids so no test can mistake them for the real rule set.

const SPEC_PATHS: Readonly<Record<string, string>> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

function at(obj: unknown, path: string): unknown {
  let v = obj;
  for (const step of path.split('.')) v = isRecord(v) ? v[step] : undefined;
  return v;
}

/**
 * Findings of four checks on a pod-bearing object: privileged containers (HIGH), hostPath volumes
 * (HIGH; CRITICAL for the host's `/`), host namespaces (HIGH), allowPrivilegeEscalation (MEDIUM).
 */
export function testConfigEvaluator(
  object: Readonly<Record<string, unknown>>,
  namespace?: string,
): ConfigFinding[] {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const specPath = SPEC_PATHS[kind];
  if (specPath === undefined) return [];
  const spec = at(object, specPath);
  if (!isRecord(spec)) return [];
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const out: ConfigFinding[] = [];
  const add = (
    ruleId: string,
    severity: ConfigSeverity,
    title: string,
    message: string,
    remediation: string,
    path: string,
  ) =>
    out.push({
      ruleId,
      messageId: 'test',
      severity,
      title,
      message,
      remediation,
      references: [],
      resource: {
        kind,
        ...(name === undefined ? {} : { name }),
        ...(namespace === undefined ? {} : { namespace }),
      },
      location: { file: '<admission>', path },
    });

  for (const field of ['hostPID', 'hostIPC', 'hostNetwork']) {
    if (spec[field] === true) {
      add(
        'TEST-HOSTNS',
        'HIGH',
        'Host namespaces',
        `${field} is true`,
        `remove ${field} or set it to false`,
        `${specPath}.${field}`,
      );
    }
  }
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    const hostPath = isRecord(v) && isRecord(v.hostPath) ? v.hostPath.path : undefined;
    if (typeof hostPath !== 'string') return;
    add(
      'TEST-HOSTPATH',
      hostPath === '/' ? 'CRITICAL' : 'HIGH',
      'hostPath volume',
      `volume "${isRecord(v) ? String(v.name) : i}" mounts the host path ${hostPath}`,
      'use an emptyDir, configMap or persistentVolumeClaim instead of hostPath',
      `${specPath}.volumes[${i}].hostPath.path`,
    );
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const containers = Array.isArray(spec[list]) ? spec[list] : [];
    containers.forEach((c: unknown, i: number) => {
      if (!isRecord(c)) return;
      const sc = isRecord(c.securityContext) ? c.securityContext : {};
      const cname = typeof c.name === 'string' ? c.name : String(i);
      if (sc.privileged === true) {
        add(
          'TEST-PRIVILEGED',
          'HIGH',
          'Privileged container',
          `container "${cname}" is privileged`,
          'set securityContext.privileged to false',
          `${specPath}.${list}[${i}].securityContext.privileged`,
        );
      }
      if (sc.allowPrivilegeEscalation === true) {
        add(
          'TEST-PRIVESC',
          'MEDIUM',
          'Privilege escalation allowed',
          `container "${cname}" allows privilege escalation`,
          'set securityContext.allowPrivilegeEscalation to false',
          `${specPath}.${list}[${i}].securityContext.allowPrivilegeEscalation`,
        );
      }
    });
  }
  return out;
}
