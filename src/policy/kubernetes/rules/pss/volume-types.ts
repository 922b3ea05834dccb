import type { K8sRule } from '../../k8s-rule.ts';
import { podSpecsOf, volumesOf } from '../../pod-specs.ts';
import { PSS_RESTRICTED } from './pss-common.ts';

type MessageId = 'volumeType';

/** Volume sources the Restricted level allows: core types, and storage through PersistentVolumes. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * BW-K8S-013 (PSS Restricted "Volume Types"): pods use only the allowed volume sources.
 * hostPath is left to BW-K8S-005 (Baseline), which runs with the Restricted profile too, so one
 * hostPath volume is reported once.
 */
export const volumeTypesRule: K8sRule<MessageId> = {
  id: 'BW-K8S-013',
  severity: 'LOW',
  title: 'Volume type not allowed by the Restricted level',
  description:
    'Inline volume sources for network and cloud storage (nfs, iscsi, rbd, cephfs, ' +
    'awsElasticBlockStore, gitRepo, flexVolume…) let a pod author attach storage, and run node ' +
    'plugins, outside the control of PersistentVolumes; gitRepo has run code on nodes. The ' +
    'Restricted Pod Security Standard allows only configMap, csi, downwardAPI, emptyDir, ephemeral, ' +
    'persistentVolumeClaim, projected and secret volumes.',
  remediation:
    'Provide the storage through a PersistentVolume and reference it with a persistentVolumeClaim ' +
    'volume; replace gitRepo with an init container that clones into an emptyDir.',
  references: [PSS_RESTRICTED, 'KSV028'],
  profiles: ['restricted'],
  messages: {
    volumeType: 'volume "{volume}" uses the {type} volume type',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const v of volumesOf(pod.spec, pod.path)) {
        for (const [key, value] of Object.entries(v.volume)) {
          // A volume with no source at all is defaulted to emptyDir by the API server.
          if (key === 'name' || key === 'hostPath' || value === null || value === undefined) continue;
          if (RESTRICTED_VOLUME_TYPES.has(key)) continue;
          yield { messageId: 'volumeType', path: `${v.path}.${key}`, data: { volume: v.name, type: key } };
        }
      }
    }
  },
};
