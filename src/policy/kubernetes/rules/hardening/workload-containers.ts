import type { K8sObject } from '../../k8s-object.ts';
import {
  CONTAINER_LISTS,
  type ContainerAt,
  type ContainerList,
  containersOf,
  podSpecsOf,
} from '../../pod-specs.ts';

/** Every container of the pod spec(s) of an object, from the lists asked for; none for non-workloads. */
export function workloadContainers(
  obj: K8sObject,
  lists: readonly ContainerList[] = CONTAINER_LISTS,
): ContainerAt[] {
  return podSpecsOf(obj).flatMap((pod) => containersOf(pod.spec, pod.path, lists));
}
