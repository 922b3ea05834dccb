import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';
import type { ContainerAt } from '../../pod-specs.ts';
import { workloadContainers } from './workload-containers.ts';

/** Kinds whose pods run to completion: probes say nothing useful about a batch job. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

function ownedByJob(obj: K8sObject): boolean {
  const metadata = obj.raw.metadata;
  const owners = isRecord(metadata) ? metadata.ownerReferences : undefined;
  return Array.isArray(owners) && owners.some((o) => isRecord(o) && o.kind === 'Job');
}

/**
 * The long-running containers of a workload that lack the given probe: app containers, and init
 * containers with restartPolicy: Always (native sidecars, which support probes). Jobs, CronJobs and
 * pods created by a Job are skipped.
 */
export function* containersWithoutProbe(
  obj: K8sObject,
  probe: 'livenessProbe' | 'readinessProbe',
): Generator<ContainerAt> {
  if (RUN_TO_COMPLETION.has(obj.kind) || ownedByJob(obj)) return;
  for (const c of workloadContainers(obj, ['containers', 'initContainers'])) {
    if (c.list === 'initContainers' && c.container.restartPolicy !== 'Always') continue;
    if (!isRecord(c.container[probe])) yield c;
  }
}
