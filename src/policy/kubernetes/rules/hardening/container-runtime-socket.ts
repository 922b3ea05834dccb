import type { K8sRule } from '../../k8s-rule.ts';
import { hostPathsOf, runtimeSocketExposed } from './host-paths.ts';

type MessageId = 'socket' | 'socketDirectory';

/** BW-K8S-108: no hostPath reaches the Docker, containerd, CRI-O or Podman socket. */
export const containerRuntimeSocket: K8sRule<MessageId> = {
  id: 'BW-K8S-108',
  severity: 'CRITICAL',
  title: 'Container runtime socket mounted',
  description:
    'The container runtime socket is root on the node: a container that can reach docker.sock, ' +
    "containerd.sock or crio.sock can start a privileged container mounting the host's /, read every " +
    "other container's secrets and bypass admission control entirely. A mount of a directory that " +
    'contains such a socket (/run, /var/run, /run/containerd) is as dangerous.',
  remediation:
    'Remove the hostPath volume. Build images with a daemonless builder (BuildKit rootless, Kaniko, ' +
    'Buildah) and read container metadata from the Kubernetes API or the kubelet instead of the runtime.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'KSV006',
    'C-0074',
    'kubesec:DockerSock',
  ],
  profiles: ['best-practice'],
  messages: {
    socket: 'volume "{volume}" mounts the container runtime socket {hostPath} from the host',
    socketDirectory:
      'volume "{volume}" mounts host directory {hostPath}, which contains the runtime socket {socket}',
  },
  *check(obj) {
    for (const hp of hostPathsOf(obj)) {
      const exposed = runtimeSocketExposed(hp.hostPath);
      if (exposed === undefined) continue;
      yield exposed.contains
        ? {
            messageId: 'socketDirectory',
            path: hp.path,
            data: { volume: hp.volume.name, hostPath: hp.hostPath, socket: exposed.socket },
          }
        : { messageId: 'socket', path: hp.path, data: { volume: hp.volume.name, hostPath: hp.hostPath } };
    }
  },
};
