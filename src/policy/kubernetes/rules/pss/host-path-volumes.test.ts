import { hostPathVolumesRule } from './host-path-volumes.ts';
import { container, cronJob, pod, ruleCases } from './pss-cases.ts';

ruleCases(hostPathVolumesRule, {
  valid: [
    { name: 'no volumes', object: pod({ containers: [container()] }) },
    {
      name: 'core volume types',
      object: pod({
        containers: [container()],
        volumes: [
          { name: 'a', emptyDir: {} },
          { name: 'b', configMap: { name: 'cm' } },
          { name: 'c', persistentVolumeClaim: { claimName: 'x' } },
        ],
      }),
    },
    {
      name: 'hostPath: null',
      object: pod({ containers: [container()], volumes: [{ name: 'a', hostPath: null }] }),
    },
  ],
  invalid: [
    {
      name: "the seed's attack: the host's / mounted",
      object: pod({
        containers: [container({ volumeMounts: [{ name: 'host', mountPath: '/host' }] })],
        volumes: [
          { name: 'tmp', emptyDir: {} },
          { name: 'host', hostPath: { path: '/', type: 'Directory' } },
        ],
      }),
      violations: [
        { messageId: 'hostPath', path: 'spec.volumes[1].hostPath', data: { volume: 'host', hostPath: '/' } },
      ],
    },
    {
      name: 'the docker socket in a CronJob, and a hostPath without a path',
      object: cronJob({
        containers: [container()],
        volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }, { hostPath: {} }],
      }),
      violations: [
        {
          messageId: 'hostPath',
          path: 'spec.jobTemplate.spec.template.spec.volumes[0].hostPath',
          data: { volume: 'sock', hostPath: '/var/run/docker.sock' },
        },
        {
          messageId: 'hostPath',
          path: 'spec.jobTemplate.spec.template.spec.volumes[1].hostPath',
          data: { volume: 'volumes[1]', hostPath: '(no path given)' },
        },
      ],
    },
  ],
});
