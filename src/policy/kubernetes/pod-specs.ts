import { isRecord } from '../../core/is-record.ts';
import type { K8sObject } from './k8s-object.ts';
import { joinPath } from './k8s-path.ts';

/**
 * Where each pod-bearing kind keeps its pod template: the pod's metadata and spec, as keys from
 * the object's root. Kinds not listed (Services, RBAC…) have no pod spec.
 */
const POD_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  // OpenShift's Deployment predecessor (apps.openshift.io/v1), still common in manifests.
  DeploymentConfig: ['spec', 'template'],
};

/** Kinds whose objects carry a pod spec (the workload kinds, Pod and PodTemplate). */
export const POD_BEARING_KINDS: readonly string[] = Object.keys(POD_TEMPLATES);

/** A pod spec inside an object, with its path and the pod's metadata (annotations live there). */
export interface PodSpecAt {
  readonly spec: Readonly<Record<string, unknown>>;
  /** `spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`. */
  readonly path: string;
  /** The pod's metadata: the object's own for a Pod, the template's for a workload; `{}` when absent. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** `metadata`, `spec.template.metadata`… */
  readonly metadataPath: string;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_LISTS: readonly ContainerList[] = [
  'containers',
  'initContainers',
  'ephemeralContainers',
];

/** One container of a pod spec with its path (`spec.template.spec.initContainers[0]`). */
export interface ContainerAt {
  readonly container: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly list: ContainerList;
  /** The container's name, or `initContainers[0]` when it has none (malformed input still gets a label). */
  readonly name: string;
}

/** One volume of a pod spec with its path (`spec.volumes[2]`). */
export interface VolumeAt {
  readonly volume: Readonly<Record<string, unknown>>;
  readonly path: string;
  /** The volume's name, or `volumes[2]` when it has none. */
  readonly name: string;
}

/**
 * The pod specs of an object: one for a Pod (`spec`), a workload's pod template
 * (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job: `spec.template.spec`;
 * CronJob: `spec.jobTemplate.spec.template.spec`; PodTemplate: `template.spec`), none for other
 * kinds or when the spec is missing or not a mapping. Never throws.
 */
export function podSpecsOf(obj: Pick<K8sObject, 'kind' | 'raw'>): PodSpecAt[] {
  const keys = POD_TEMPLATES[obj.kind];
  if (keys === undefined) return [];
  let template: unknown = obj.raw;
  for (const key of keys) template = isRecord(template) ? template[key] : undefined;
  if (!isRecord(template) || !isRecord(template.spec)) return [];
  const base = joinPath('', ...keys);
  return [
    {
      spec: template.spec,
      path: joinPath(base, 'spec'),
      metadata: isRecord(template.metadata) ? template.metadata : {},
      metadataPath: joinPath(base, 'metadata'),
    },
  ];
}

/**
 * The containers of a pod spec — `containers`, then `initContainers`, then `ephemeralContainers`
 * (or only the lists asked for) — with their paths under `basePath` (the pod spec's own path).
 * Entries that are not mappings are skipped.
 */
export function containersOf(
  podSpec: Readonly<Record<string, unknown>>,
  basePath: string,
  lists: readonly ContainerList[] = CONTAINER_LISTS,
): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const list of lists) {
    const items = podSpec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container: unknown, i) => {
      if (!isRecord(container)) return;
      const name =
        typeof container.name === 'string' && container.name !== '' ? container.name : `${list}[${i}]`;
      out.push({ container, path: joinPath(basePath, list, i), list, name });
    });
  }
  return out;
}

/** The volumes of a pod spec with their paths under `basePath`; entries that are not mappings are skipped. */
export function volumesOf(podSpec: Readonly<Record<string, unknown>>, basePath: string): VolumeAt[] {
  const items = podSpec.volumes;
  if (!Array.isArray(items)) return [];
  const out: VolumeAt[] = [];
  items.forEach((volume: unknown, i) => {
    if (!isRecord(volume)) return;
    const name = typeof volume.name === 'string' && volume.name !== '' ? volume.name : `volumes[${i}]`;
    out.push({ volume, path: joinPath(basePath, 'volumes', i), name });
  });
  return out;
}

/** The `securityContext` mapping of a pod spec or a container, or undefined. */
export function securityContextOf(
  specOrContainer: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> | undefined {
  const sc = specOrContainer.securityContext;
  return isRecord(sc) ? sc : undefined;
}
