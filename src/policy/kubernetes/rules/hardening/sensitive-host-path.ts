import type { K8sRule } from '../../k8s-rule.ts';
import { hostPathsOf, isWithin, runtimeSocketExposed } from './host-paths.ts';

type MessageId = 'sensitivePath' | 'containsSensitive';

/** Host directories whose contents give away the node: credentials, binaries, kernel interfaces, pods' data. */
const SENSITIVE: readonly string[] = [
  '/etc',
  '/root',
  '/home',
  '/boot',
  '/dev',
  '/proc',
  '/sys',
  // Before /run and /var/run so that a mount of /var is explained by the kubelet's directory.
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/etcd',
  '/var/spool/cron',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/usr',
  '/run',
  '/var/run',
];

/** Well-known read-mostly paths under a sensitive directory that hold nothing secret or executable. */
const HARMLESS: readonly string[] = [
  '/etc/ssl/certs',
  '/etc/pki/ca-trust',
  '/etc/pki/tls/certs',
  '/etc/ca-certificates',
  '/usr/share/ca-certificates',
  '/etc/localtime',
  '/etc/timezone',
  '/usr/share/zoneinfo',
];

/** BW-K8S-110: no hostPath reaches host configuration, credentials, binaries or kernel interfaces. */
export const sensitiveHostPath: K8sRule<MessageId> = {
  id: 'BW-K8S-110',
  severity: 'HIGH',
  title: 'Sensitive host path mounted',
  description:
    'hostPath volumes of /etc, /root, /proc, /sys, /dev, /boot, /usr, /run, /var/lib/kubelet and the like ' +
    "(or of a parent such as /var) expose host credentials, the kubelet's pod secrets, host binaries and " +
    "kernel interfaces; written to, they let the container take over the node. The host's / and runtime " +
    'sockets have their own, critical rules (BW-K8S-109, BW-K8S-108); CA bundles and time zone files are ' +
    'not reported.',
  remediation:
    'Remove the hostPath volume; use a ConfigMap, Secret, emptyDir or PersistentVolume instead. If a node ' +
    'agent needs host files, mount the narrowest directory, with readOnly: true on every volumeMount.',
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
    sensitivePath: 'volume "{volume}" mounts the sensitive host path {hostPath}',
    containsSensitive: 'volume "{volume}" mounts host directory {hostPath}, which contains {sensitive}',
  },
  *check(obj) {
    for (const hp of hostPathsOf(obj)) {
      const p = hp.hostPath;
      if (p === '/' || runtimeSocketExposed(p) !== undefined) continue;
      if (HARMLESS.some((h) => isWithin(p, h))) continue;
      const data = { volume: hp.volume.name, hostPath: p };
      if (SENSITIVE.some((s) => isWithin(p, s))) {
        yield { messageId: 'sensitivePath', path: hp.path, data };
        continue;
      }
      const inside = SENSITIVE.find((s) => isWithin(s, p));
      if (inside !== undefined) {
        yield { messageId: 'containsSensitive', path: hp.path, data: { ...data, sensitive: inside } };
      }
    }
  },
};
