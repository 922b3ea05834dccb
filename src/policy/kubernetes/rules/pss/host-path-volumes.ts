import { isRecord } from '../../../../core/is-record.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { podSpecsOf, volumesOf } from '../../pod-specs.ts';
import { PSS_BASELINE } from './pss-common.ts';

type MessageId = 'hostPath';

/** BW-K8S-005 (PSS Baseline "HostPath Volumes"): no hostPath volumes. */
export const hostPathVolumesRule: K8sRule<MessageId> = {
  id: 'BW-K8S-005',
  severity: 'HIGH',
  title: 'hostPath volume',
  description:
    "A hostPath volume mounts a file or directory of the node into the pod. Mounting the node's / " +
    'or /etc lets the pod write a crontab or an SSH key on the host; the container runtime socket ' +
    'gives control of every container; even read-only mounts leak credentials and kubelet ' +
    'configuration. The Baseline Pod Security Standard forbids spec.volumes[*].hostPath.',
  remediation:
    'Replace the hostPath volume with an emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim; ' +
    'node agents that must read the host belong in a namespace exempted from the policy.',
  references: [PSS_BASELINE, 'KSV023', 'C-0048'],
  profiles: ['baseline'],
  messages: {
    hostPath: 'volume "{volume}" mounts the host path {hostPath}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      for (const v of volumesOf(pod.spec, pod.path)) {
        const hp = v.volume.hostPath;
        if (hp === undefined || hp === null) continue;
        const path = isRecord(hp) && typeof hp.path === 'string' ? hp.path : '(no path given)';
        yield { messageId: 'hostPath', path: `${v.path}.hostPath`, data: { volume: v.name, hostPath: path } };
      }
    }
  },
};
