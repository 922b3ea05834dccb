import { posix } from 'node:path';
import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';
import { podSpecsOf, type VolumeAt, volumesOf } from '../../pod-specs.ts';

/** A hostPath volume of a workload, with its path on the host made canonical. */
export interface HostPathAt {
  readonly volume: VolumeAt;
  /** As written in the manifest. */
  readonly written: string;
  /** Normalised: `//var/run/../run/` → `/var/run`; `/` stays `/`. */
  readonly hostPath: string;
  /** JSON path of `hostPath.path`: `spec.volumes[0].hostPath.path`. */
  readonly path: string;
}

/** `/a//b/../c/` → `/a/c`; undefined for relative paths, which the API server rejects anyway. */
export function normaliseHostPath(p: string): string | undefined {
  if (!p.startsWith('/')) return undefined;
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** True when `p` is `base` or lies below it (both normalised). */
export function isWithin(p: string, base: string): boolean {
  return base === '/' || p === base || p.startsWith(`${base}/`);
}

/** The hostPath volumes of a Pod or workload. */
export function hostPathsOf(obj: K8sObject): HostPathAt[] {
  const out: HostPathAt[] = [];
  const volumes = podSpecsOf(obj).flatMap((pod) => volumesOf(pod.spec, pod.path));
  for (const volume of volumes) {
    const hp = volume.volume.hostPath;
    if (!isRecord(hp) || typeof hp.path !== 'string') continue;
    const hostPath = normaliseHostPath(hp.path);
    if (hostPath === undefined) continue;
    out.push({ volume, written: hp.path, hostPath, path: `${volume.path}.hostPath.path` });
  }
  return out;
}

/** Sockets of container runtimes: whoever can reach one can start a privileged container on the node. */
export const RUNTIME_SOCKETS: readonly string[] = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/dockershim.sock',
  '/run/dockershim.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/run/crio/crio.sock',
  '/var/run/crio/crio.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
];

/** Runtime state directories: they hold the sockets above, or task sockets and shims as powerful. */
const RUNTIME_DIRS: readonly string[] = [
  '/run/docker',
  '/var/run/docker',
  '/run/containerd',
  '/var/run/containerd',
  '/run/k3s/containerd',
  '/run/crio',
  '/var/run/crio',
  '/run/podman',
  '/var/run/podman',
];

/**
 * Ancestors too wide to blame on the runtime: `/` has its own rule, and `/var` reaches `/var/run` only
 * through a symlink (usually to the absolute `/run`, which resolves inside the container).
 */
const NOT_RUNTIME_ANCESTORS = new Set(['/', '/var']);

/**
 * The runtime socket or directory a normalised host path exposes: the socket itself, a path inside a
 * runtime directory, or a directory that contains a socket (`/run`, `/var/run`, `/run/containerd`).
 */
export function runtimeSocketExposed(
  hostPath: string,
): { readonly socket: string; readonly contains: boolean } | undefined {
  for (const socket of RUNTIME_SOCKETS) if (hostPath === socket) return { socket, contains: false };
  for (const dir of RUNTIME_DIRS) if (isWithin(hostPath, dir)) return { socket: dir, contains: false };
  if (NOT_RUNTIME_ANCESTORS.has(hostPath)) return undefined;
  for (const socket of RUNTIME_SOCKETS) if (isWithin(socket, hostPath)) return { socket, contains: true };
  return undefined;
}
