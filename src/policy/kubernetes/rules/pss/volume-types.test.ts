import { container, deployment, pod, ruleCases } from './pss-cases.ts';
import { volumeTypesRule } from './volume-types.ts';

ruleCases(volumeTypesRule, {
  valid: [
    {
      name: 'every allowed type',
      object: pod({
        containers: [container()],
        volumes: [
          { name: 'a', configMap: { name: 'cm' } },
          { name: 'b', csi: { driver: 'x' } },
          { name: 'c', downwardAPI: { items: [] } },
          { name: 'd', emptyDir: {} },
          { name: 'e', ephemeral: { volumeClaimTemplate: { spec: {} } } },
          { name: 'f', persistentVolumeClaim: { claimName: 'x' } },
          { name: 'g', projected: { sources: [] } },
          { name: 'h', secret: { secretName: 's' } },
        ],
      }),
    },
    {
      name: 'a volume with no source (the API defaults it to emptyDir)',
      object: pod({ containers: [container()], volumes: [{ name: 'scratch' }] }),
    },
    {
      name: 'hostPath is left to BW-K8S-005',
      object: pod({ containers: [container()], volumes: [{ name: 'h', hostPath: { path: '/' } }] }),
    },
  ],
  invalid: [
    {
      name: 'nfs, gitRepo and awsElasticBlockStore',
      object: deployment({
        containers: [container()],
        volumes: [
          { name: 'ok', emptyDir: {} },
          { name: 'share', nfs: { server: 'nfs.example', path: '/' } },
          { name: 'src', gitRepo: { repository: 'https://example.com/x.git' } },
          { name: 'disk', awsElasticBlockStore: { volumeID: 'vol-1' } },
        ],
      }),
      violations: [
        {
          messageId: 'volumeType',
          path: 'spec.template.spec.volumes[1].nfs',
          data: { volume: 'share', type: 'nfs' },
        },
        {
          messageId: 'volumeType',
          path: 'spec.template.spec.volumes[2].gitRepo',
          data: { volume: 'src', type: 'gitRepo' },
        },
        {
          messageId: 'volumeType',
          path: 'spec.template.spec.volumes[3].awsElasticBlockStore',
          data: { volume: 'disk', type: 'awsElasticBlockStore' },
        },
      ],
    },
    {
      name: 'a type the level does not know (image volumes)',
      object: pod({
        containers: [container()],
        volumes: [{ name: 'model', image: { reference: 'registry.example/model:1' } }],
      }),
      violations: [
        { messageId: 'volumeType', path: 'spec.volumes[0].image', data: { volume: 'model', type: 'image' } },
      ],
    },
  ],
});
