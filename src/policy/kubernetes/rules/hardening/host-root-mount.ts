import type { K8sRule } from '../../k8s-rule.ts';
import { hostPathsOf } from './host-paths.ts';

type MessageId = 'hostRoot';

/** BW-K8S-109: the host's root filesystem is never mounted into a pod. */
export const hostRootMount: K8sRule<MessageId> = {
  id: 'BW-K8S-109',
  severity: 'CRITICAL',
  title: "Host's root filesystem mounted",
  description:
    "A hostPath volume of / gives the container the whole node: it can read the kubelet's credentials " +
    "and every pod's secrets, and write /etc/crontab or /root/.ssh/authorized_keys to run code as root " +
    'on the host, which is exactly how the classic attack on an unprotected cluster escapes its pod.',
  remediation:
    'Remove the volume. If an agent truly needs host files, mount only the directory it needs, read-only, ' +
    'and run it in a dedicated, tightly controlled namespace.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'KSV121',
    'KSV023',
    'C-0048',
    'C-0045',
  ],
  profiles: ['best-practice'],
  messages: {
    hostRoot: 'volume "{volume}" mounts the host\'s root filesystem ("{written}")',
  },
  *check(obj) {
    for (const hp of hostPathsOf(obj)) {
      if (hp.hostPath !== '/') continue;
      yield { messageId: 'hostRoot', path: hp.path, data: { volume: hp.volume.name, written: hp.written } };
    }
  },
};
