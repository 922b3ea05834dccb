import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';
import type { ContainerAt } from '../../pod-specs.ts';
import { workloadContainers } from './workload-containers.ts';

/** A container lacking `resources.requests.<resource>` or `resources.limits.<resource>`. */
export interface MissingResource {
  readonly container: ContainerAt;
  readonly missing: 'requests' | 'limits';
  /** Path of the absent field: `spec.containers[0].resources.limits.cpu`. */
  readonly path: string;
}

/**
 * Requests and limits of one resource missing from the containers and init containers of a workload
 * (ephemeral containers cannot set resources). An empty string or null counts as missing.
 */
export function* missingResources(obj: K8sObject, resource: 'cpu' | 'memory'): Generator<MissingResource> {
  for (const c of workloadContainers(obj, ['containers', 'initContainers'])) {
    const resources = isRecord(c.container.resources) ? c.container.resources : {};
    for (const missing of ['requests', 'limits'] as const) {
      const section = resources[missing];
      const value = isRecord(section) ? section[resource] : undefined;
      if (value === undefined || value === null || value === '') {
        yield { container: c, missing, path: `${c.path}.resources.${missing}.${resource}` };
      }
    }
  }
}
