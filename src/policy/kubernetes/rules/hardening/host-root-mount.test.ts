import { hostRootMount } from './host-root-mount.ts';
import { deployment, pod, runRuleCases } from './rule-cases.ts';

runRuleCases(hostRootMount, {
  valid: [
    {
      name: 'narrow host path',
      object: pod({ containers: [], volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] }),
    },
    {
      name: 'relative path (rejected by the API server)',
      object: pod({ containers: [], volumes: [{ name: 'r', hostPath: { path: '.' } }] }),
    },
    {
      name: 'no hostPath',
      object: pod({ containers: [], volumes: [{ name: 'c', configMap: { name: 'c' } }] }),
    },
  ],
  invalid: [
    {
      // The seed attack: mount the node's / and write its crontab.
      name: 'the host root mounted to write its crontab',
      object: pod(
        {
          containers: [
            {
              name: 'evil',
              image: 'busybox',
              command: ['sh', '-c', 'echo "* * * * * root sh -i" >> /host/etc/crontab'],
              volumeMounts: [{ name: 'host', mountPath: '/host' }],
            },
          ],
          volumes: [{ name: 'host', hostPath: { path: '/', type: 'Directory' } }],
        },
        { name: 'escape', namespace: 'default' },
      ),
      errors: [{ messageId: 'hostRoot', path: 'spec.volumes[0].hostPath.path' }],
    },
    {
      name: 'root written in a roundabout way',
      object: deployment({
        containers: [],
        volumes: [
          { name: 'a', hostPath: { path: '/etc/..' } },
          { name: 'b', hostPath: { path: '//' } },
        ],
      }),
      errors: [
        { messageId: 'hostRoot', path: 'spec.template.spec.volumes[0].hostPath.path' },
        { messageId: 'hostRoot', path: 'spec.template.spec.volumes[1].hostPath.path' },
      ],
    },
  ],
});
