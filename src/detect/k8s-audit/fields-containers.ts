import type { FieldDef, Getter } from './field-def.ts';
import { falcoString, falcoStrings, getArray, getPath, isObject, pick } from './json-value.ts';

type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

const listLabel: Record<ContainerList, string> = {
  containers: 'containers',
  initContainers: 'init containers',
  ephemeralContainers: 'ephemeral containers',
};

/** The pod's containers of one kind, optionally only the `index`th. */
function containersOf(
  event: unknown,
  list: ContainerList,
  index: number | undefined,
): readonly unknown[] | undefined {
  return pick(getArray(event, ['requestObject', 'spec', list]), index);
}

/** One value per container, rendered as Falco does; containers without it are skipped. */
function perContainer(list: ContainerList, index: number | undefined, keys: readonly string[]): Getter {
  return (event) => {
    const containers = containersOf(event, list, index);
    return containers?.flatMap((c) => {
      const text = falcoString(getPath(c, keys));
      return text === undefined ? [] : [text];
    });
  };
}

/**
 * The image without tag or digest, split as the plugin splits it (at the first `:` then `@`), so
 * results match Falco's even for registries with a port (`host:5000/app` → `host`).
 */
export function imageRepository(image: string): string {
  return (image.split(':')[0] ?? '').split('@')[0] ?? '';
}

/** runAsUser/runAsGroup as the container will really start: its own, else the pod's, else 0. */
function effective(list: ContainerList, index: number | undefined, key: string): Getter {
  return (event) => {
    const containers = containersOf(event, list, index);
    if (containers === undefined) return undefined;
    const podValue = falcoString(getPath(event, ['requestObject', 'spec', 'securityContext', key])) ?? '0';
    return containers.map((c) => falcoString(getPath(c, ['securityContext', key])) ?? podValue);
  };
}

function hostPorts(list: ContainerList, index: number | undefined): Getter {
  return (event) => {
    const containers = containersOf(event, list, index);
    if (containers === undefined) return undefined;
    const out: string[] = [];
    for (const container of containers) {
      const ports = getPath(container, ['ports']);
      if (!Array.isArray(ports)) continue;
      for (const port of ports) {
        if (!isObject(port)) continue;
        // With hostNetwork the containerPort is the host port, so it counts when hostPort is unset.
        const text = falcoString(port.hostPort ?? port.containerPort);
        if (text !== undefined) out.push(text);
      }
    }
    return out;
  };
}

function familyOf(list: ContainerList): FieldDef[] {
  const label = listLabel[list];
  const prefix = `ka.req.pod.${list}`;
  const simple = (suffix: string, keys: readonly string[], what: string): FieldDef => ({
    name: `${prefix}.${suffix}`,
    type: 'list',
    description: `When the request object refers to a pod, ${what} for all ${label}`,
    arg: 'index',
    build: (index) => perContainer(list, index, keys),
  });
  return [
    simple('name', ['name'], 'the name'),
    simple('image', ['image'], 'the image'),
    {
      name: `${prefix}.image.repository`,
      type: 'list',
      description: `The same as ${prefix}.image, but only the repository part (e.g. falcosecurity/falco)`,
      arg: 'index',
      build: (index) => {
        const images = perContainer(list, index, ['image']);
        return (event) => (images(event) as string[] | undefined)?.map(imageRepository);
      },
    },
    simple('command', ['command'], 'the command (as JSON)'),
    simple('args', ['args'], 'the args (as JSON)'),
    simple('privileged', ['securityContext', 'privileged'], 'the value of the privileged flag'),
    simple(
      'allow_privilege_escalation',
      ['securityContext', 'allowPrivilegeEscalation'],
      'the value of the allowPrivilegeEscalation flag',
    ),
    simple(
      'read_only_fs',
      ['securityContext', 'readOnlyRootFilesystem'],
      'the value of the readOnlyRootFilesystem flag',
    ),
    simple('run_as_user', ['securityContext', 'runAsUser'], 'the runAsUser uid'),
    {
      name: `${prefix}.eff_run_as_user`,
      type: 'list',
      description: `When the request object refers to a pod, the initial uid that will be used for all ${label}, combining pod and container security contexts (0 if none)`,
      arg: 'index',
      build: (index) => effective(list, index, 'runAsUser'),
    },
    simple('run_as_group', ['securityContext', 'runAsGroup'], 'the runAsGroup gid'),
    {
      name: `${prefix}.eff_run_as_group`,
      type: 'list',
      description: `When the request object refers to a pod, the initial gid that will be used for all ${label}, combining pod and container security contexts (0 if none)`,
      arg: 'index',
      build: (index) => effective(list, index, 'runAsGroup'),
    },
    simple('proc_mount', ['securityContext', 'procMount'], 'the procMount type'),
    {
      name: `${prefix}.add_capabilities`,
      type: 'list',
      description: `When the request object refers to a pod, all capabilities to add for all ${label}`,
      arg: 'index',
      build: (index) => (event) =>
        containersOf(event, list, index)?.flatMap((c) => {
          const add = getPath(c, ['securityContext', 'capabilities', 'add']);
          return Array.isArray(add) ? falcoStrings(add) : [];
        }),
    },
    {
      name: `${prefix}.host_port`,
      type: 'list',
      description: `When the request object refers to a pod, all hostPort values of all ${label}`,
      arg: 'index',
      build: (index) => hostPorts(list, index),
    },
  ];
}

/** The single-container forms Falco deprecated but old rules still use. */
const deprecatedFields: readonly FieldDef[] = [
  {
    name: 'ka.req.container.image',
    type: 'string',
    description: 'Deprecated by ka.req.pod.containers.image. Returns the image of the first container only',
    arg: 'none',
    build: () => {
      const first = perContainer('containers', 0, ['image']);
      return (event) => (first(event) as string[] | undefined)?.[0];
    },
  },
  {
    name: 'ka.req.container.image.repository',
    type: 'string',
    description:
      'Deprecated by ka.req.pod.containers.image.repository. Returns the repository of the first container only',
    arg: 'none',
    build: () => {
      const first = perContainer('containers', 0, ['image']);
      return (event) => {
        const image = (first(event) as string[] | undefined)?.[0];
        return image === undefined ? undefined : imageRepository(image);
      };
    },
  },
  {
    name: 'ka.req.container.privileged',
    type: 'string',
    description:
      'Deprecated by ka.req.pod.containers.privileged. "true" if any container has privileged=true',
    arg: 'none',
    build: () => (event) => {
      const containers = containersOf(event, 'containers', undefined);
      if (containers === undefined) return undefined;
      return String(containers.some((c) => getPath(c, ['securityContext', 'privileged']) === true));
    },
  },
];

/** Per-container fields for the pod's containers, init containers and ephemeral containers. */
export const containerFields: readonly FieldDef[] = [
  ...familyOf('containers'),
  ...familyOf('initContainers'),
  ...familyOf('ephemeralContainers'),
  ...deprecatedFields,
];
