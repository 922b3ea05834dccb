import { isRecord } from '../../core/is-record.ts';

/** Where each pod-bearing kind keeps its pod spec (dot path from the object's root). */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds that carry a pod template: the webhook checks their containers' images. */
export const POD_BEARING_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** One container of a pod spec, with the path of its entry (`spec.template.spec.containers[0]`). */
export interface PodContainer {
  readonly name: string;
  /** The image as written; empty when the container has none. */
  readonly image: string;
  readonly path: string;
}

/**
 * The containers (init, regular, ephemeral) of a pod-bearing object, in that order; empty for any
 * other kind or a malformed spec. Never throws on odd input.
 */
export function podContainers(kind: string, object: Readonly<Record<string, unknown>>): PodContainer[] {
  const steps = POD_SPEC_PATHS[kind];
  if (steps === undefined) return [];
  let spec: unknown = object;
  for (const step of steps) spec = isRecord(spec) ? spec[step] : undefined;
  if (!isRecord(spec)) return [];
  const base = steps.join('.');
  const out: PodContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    const entries = spec[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((c, i) => {
      if (!isRecord(c)) return;
      out.push({
        name: typeof c.name === 'string' ? c.name : `${list}[${i}]`,
        image: typeof c.image === 'string' ? c.image.trim() : '',
        path: `${base}.${list}[${i}]`,
      });
    });
  }
  return out;
}
