import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';

// TODO(#5): replace with the shared podSpecsOf/containersOf once pod-specs.ts lands; this private
// copy exists so the hardening rules do not wait for it.

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** A pod spec found in an object, with its JSON path (`spec.template.spec`). */
export interface PodSpecAt {
  readonly spec: Readonly<Record<string, unknown>>;
  readonly path: string;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';
export const ALL_CONTAINER_LISTS: readonly ContainerList[] = [
  'containers',
  'initContainers',
  'ephemeralContainers',
];

/** One container of a pod spec with its JSON path (`spec.containers[0]`). */
export interface ContainerAt {
  readonly container: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly list: ContainerList;
  /** The container's name, or `#<index>` when it has none (malformed input still gets a label). */
  readonly name: string;
}

/** One volume of a pod spec with its JSON path (`spec.volumes[0]`). */
export interface VolumeAt {
  readonly volume: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly name: string;
}

/** The pod spec of a Pod or of a workload's pod template; undefined for other kinds or malformed input. */
export function podSpecOf(obj: K8sObject): PodSpecAt | undefined {
  const keys = POD_SPEC_PATHS[obj.kind];
  if (keys === undefined) return undefined;
  let node: unknown = obj.raw;
  for (const key of keys) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return isRecord(node) ? { spec: node, path: keys.join('.') } : undefined;
}

/** The containers of a pod spec, list by list in the order asked for; entries that are not objects are skipped. */
export function containersOf(
  pod: PodSpecAt,
  lists: readonly ContainerList[] = ALL_CONTAINER_LISTS,
): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container: unknown, i) => {
      if (!isRecord(container)) return;
      const name = typeof container.name === 'string' ? container.name : `#${i}`;
      out.push({ container, path: `${pod.path}.${list}[${i}]`, list, name });
    });
  }
  return out;
}

/** The volumes of a pod spec; entries that are not objects are skipped. */
export function volumesOf(pod: PodSpecAt): VolumeAt[] {
  const items = pod.spec.volumes;
  if (!Array.isArray(items)) return [];
  const out: VolumeAt[] = [];
  items.forEach((volume: unknown, i) => {
    if (!isRecord(volume)) return;
    const name = typeof volume.name === 'string' ? volume.name : `#${i}`;
    out.push({ volume, path: `${pod.path}.volumes[${i}]`, name });
  });
  return out;
}
