import type { FieldDef, Getter } from './field-def.ts';
import { falcoString, getArray, getPath, isObject, listAt, pick, stringAt } from './json-value.ts';

/** One value per volume at `keys`, volumes without it skipped. */
function perVolume(index: number | undefined, keys: readonly string[]): Getter {
  return (event) =>
    pick(getArray(event, ['requestObject', 'spec', 'volumes']), index)?.flatMap((volume) => {
      const text = falcoString(getPath(volume, keys));
      return text === undefined ? [] : [text];
    });
}

function hostFlag(flag: string, name: string, description: string): FieldDef {
  return {
    name,
    type: 'string',
    description,
    arg: 'none',
    build: () => stringAt('requestObject', 'spec', flag),
  };
}

/** Pod-level settings: host namespaces, pod security context, volumes. */
export const podFields: readonly FieldDef[] = [
  hostFlag(
    'hostIPC',
    'ka.req.pod.host_ipc',
    'When the request object refers to a pod, the value of the hostIPC flag',
  ),
  hostFlag(
    'hostNetwork',
    'ka.req.pod.host_network',
    'When the request object refers to a pod, the value of the hostNetwork flag',
  ),
  hostFlag('hostNetwork', 'ka.req.container.host_network', 'Deprecated alias for ka.req.pod.host_network'),
  hostFlag(
    'hostPID',
    'ka.req.pod.host_pid',
    'When the request object refers to a pod, the value of the hostPID flag',
  ),
  {
    name: 'ka.req.pod.run_as_user',
    type: 'string',
    description:
      'When the request object refers to a pod, the runAsUser uid specified in the pod security context',
    arg: 'none',
    build: () => stringAt('requestObject', 'spec', 'securityContext', 'runAsUser'),
  },
  {
    name: 'ka.req.pod.run_as_group',
    type: 'string',
    description:
      'When the request object refers to a pod, the runAsGroup gid specified in the pod security context',
    arg: 'none',
    build: () => stringAt('requestObject', 'spec', 'securityContext', 'runAsGroup'),
  },
  {
    name: 'ka.req.pod.fs_group',
    type: 'string',
    description: 'When the request object refers to a pod, the fsGroup gid specified by the security context',
    arg: 'none',
    build: () => stringAt('requestObject', 'spec', 'securityContext', 'fsGroup'),
  },
  {
    name: 'ka.req.pod.supplemental_groups',
    type: 'list',
    description:
      'When the request object refers to a pod, the supplementalGroup gids specified by the security context',
    arg: 'index',
    build: (index) => listAt(index, 'requestObject', 'spec', 'securityContext', 'supplementalGroups'),
  },
  {
    name: 'ka.req.pod.volumes.hostpath',
    type: 'list',
    description: 'When the request object refers to a pod, all hostPath paths specified for all volumes',
    arg: 'index',
    build: (index) => perVolume(index, ['hostPath', 'path']),
  },
  {
    name: 'ka.req.volume.hostpath',
    type: 'string',
    description:
      'Deprecated by ka.req.pod.volumes.hostpath. "true" if the given host path (a prefix when it ends with *) is used by any volume',
    arg: 'key',
    build: (key) => {
      const paths = perVolume(undefined, ['hostPath', 'path']);
      const prefix = key.endsWith('*') ? key.slice(0, -1) : undefined;
      return (event) => {
        const found = paths(event) as string[] | undefined;
        if (found === undefined) return undefined;
        return String(found.some((p) => p === key || (prefix !== undefined && p.startsWith(prefix))));
      };
    },
  },
  {
    name: 'ka.req.pod.volumes.flexvolume_driver',
    type: 'list',
    description: 'When the request object refers to a pod, all flexvolume drivers specified for all volumes',
    arg: 'index',
    build: (index) => perVolume(index, ['flexVolume', 'driver']),
  },
  {
    name: 'ka.req.pod.volumes.volume_type',
    type: 'list',
    description:
      'When the request object refers to a pod, all volume types for all volumes (e.g. hostPath, configMap)',
    arg: 'index',
    // A volume's type is whichever key other than `name` it carries.
    build: (index) => (event) =>
      pick(getArray(event, ['requestObject', 'spec', 'volumes']), index)?.flatMap((volume) =>
        isObject(volume) ? Object.keys(volume).filter((k) => k !== 'name') : [],
      ),
  },
];
