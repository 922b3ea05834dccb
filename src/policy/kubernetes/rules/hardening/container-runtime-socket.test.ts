import { containerRuntimeSocket } from './container-runtime-socket.ts';
import { cronJob, deployment, pod, runRuleCases } from './rule-cases.ts';

const hostPath = (path: string, name = 'v') => ({ name, hostPath: { path } });

runRuleCases(containerRuntimeSocket, {
  valid: [
    { name: 'no volumes', object: pod({ containers: [{ name: 'app' }] }) },
    {
      name: 'other host paths and volume types',
      object: pod({
        containers: [{ name: 'app' }],
        volumes: [
          hostPath('/var/log'),
          hostPath('/var'),
          { name: 'e', emptyDir: {} },
          hostPath('/var/run-other'),
        ],
      }),
    },
    { name: 'host root is another rule', object: pod({ containers: [], volumes: [hostPath('/')] }) },
  ],
  invalid: [
    {
      name: 'docker.sock (the kubesec DockerSock case)',
      object: deployment({
        containers: [{ name: 'app' }],
        volumes: [hostPath('/var/run/docker.sock', 'docker')],
      }),
      errors: [{ messageId: 'socket', path: 'spec.template.spec.volumes[0].hostPath.path' }],
    },
    {
      name: 'containerd, CRI-O and Podman sockets, written untidily',
      object: pod({
        containers: [],
        volumes: [
          hostPath('/run/containerd/containerd.sock'),
          hostPath('//var/run/crio/./crio.sock'),
          hostPath('/run/podman/podman.sock'),
          hostPath('/run/k3s/containerd/containerd.sock'),
        ],
      }),
      errors: [
        { messageId: 'socket', path: 'spec.volumes[0].hostPath.path' },
        { messageId: 'socket', path: 'spec.volumes[1].hostPath.path' },
        { messageId: 'socket', path: 'spec.volumes[2].hostPath.path' },
        { messageId: 'socket', path: 'spec.volumes[3].hostPath.path' },
      ],
    },
    {
      name: 'runtime state directories',
      object: cronJob({
        containers: [],
        volumes: [hostPath('/var/run/docker'), hostPath('/run/containerd/')],
      }),
      errors: [
        { messageId: 'socket', path: 'spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path' },
        { messageId: 'socket', path: 'spec.jobTemplate.spec.template.spec.volumes[1].hostPath.path' },
      ],
    },
    {
      name: 'directories that contain a socket',
      object: pod({ containers: [], volumes: [hostPath('/var/run'), hostPath('/run/')] }),
      errors: [
        { messageId: 'socketDirectory', path: 'spec.volumes[0].hostPath.path' },
        { messageId: 'socketDirectory', path: 'spec.volumes[1].hostPath.path' },
      ],
    },
  ],
});
