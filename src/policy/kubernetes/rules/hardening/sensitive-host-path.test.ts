import { pod, runRuleCases } from './rule-cases.ts';
import { sensitiveHostPath } from './sensitive-host-path.ts';

const volumes = (...paths: string[]) =>
  pod({ containers: [], volumes: paths.map((path, i) => ({ name: `v${i}`, hostPath: { path } })) });

runRuleCases(sensitiveHostPath, {
  valid: [
    {
      name: 'ordinary data directories',
      object: volumes('/var/log', '/data/app', '/mnt/disks/ssd0', '/opt/app'),
    },
    {
      name: 'CA bundles and time zone',
      object: volumes('/etc/ssl/certs', '/usr/share/ca-certificates', '/etc/localtime'),
    },
    {
      name: 'host root and runtime sockets belong to other rules',
      object: volumes('/', '/var/run/docker.sock', '/run'),
    },
    { name: 'look-alike names', object: volumes('/etcetera', '/usr2', '/procfs-data') },
  ],
  invalid: [
    {
      name: 'configuration, credentials and kernel interfaces',
      object: volumes('/etc', '/root/.ssh', '/proc', '/sys/fs/cgroup', '/dev', '/boot', '/home'),
      errors: [
        { messageId: 'sensitivePath', path: 'spec.volumes[0].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[1].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[2].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[3].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[4].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[5].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[6].hostPath.path' },
      ],
    },
    {
      name: 'kubelet and runtime data, cron, run directories that hold no socket',
      object: volumes(
        '/var/lib/kubelet/pods',
        '/var/lib/docker',
        '/var/spool/cron/crontabs',
        '/var/run/secrets',
        '/etc/kubernetes/pki',
      ),
      errors: [
        { messageId: 'sensitivePath', path: 'spec.volumes[0].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[1].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[2].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[3].hostPath.path' },
        { messageId: 'sensitivePath', path: 'spec.volumes[4].hostPath.path' },
      ],
    },
    {
      name: 'parents of sensitive directories',
      object: volumes('/var', '/var/lib', '/var/spool/'),
      errors: [
        { messageId: 'containsSensitive', path: 'spec.volumes[0].hostPath.path' },
        { messageId: 'containsSensitive', path: 'spec.volumes[1].hostPath.path' },
        { messageId: 'containsSensitive', path: 'spec.volumes[2].hostPath.path' },
      ],
    },
  ],
});
