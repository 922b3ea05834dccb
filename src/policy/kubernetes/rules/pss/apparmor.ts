import { isRecord } from '../../../../core/is-record.ts';
import { joinPath } from '../../k8s-path.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { containersOf, podSpecsOf, securityContextOf } from '../../pod-specs.ts';
import { PSS_BASELINE, shown } from './pss-common.ts';

type MessageId = 'pod' | 'container' | 'annotation';

const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The type of a set appArmorProfile that the level does not allow, or undefined when it is fine. */
function badType(sc: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const profile = sc?.appArmorProfile;
  if (profile === undefined || profile === null) return undefined;
  const type = isRecord(profile) ? profile.type : undefined;
  if (typeof type === 'string' && ALLOWED_TYPES.has(type)) return undefined;
  return type === undefined ? '(none)' : shown(type);
}

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/**
 * BW-K8S-008 (PSS Baseline "AppArmor"): the default AppArmor profile is not overridden or
 * disabled, through the securityContext fields or the older per-container annotations.
 */
export const appArmorRule: K8sRule<MessageId> = {
  id: 'BW-K8S-008',
  severity: 'MEDIUM',
  title: 'AppArmor disabled or overridden',
  description:
    'On nodes with AppArmor the container runtime confines containers with its default profile; ' +
    "'Unconfined' removes that layer, which blocks many escapes (writing to /proc/sys, mounting). " +
    'The Baseline Pod Security Standard allows securityContext.appArmorProfile.type only unset, ' +
    'RuntimeDefault or Localhost (pod and containers), and the annotations ' +
    "container.apparmor.security.beta.kubernetes.io/* only unset, 'runtime/default' or 'localhost/…'.",
  remediation:
    'Remove the appArmorProfile override, or set its type to RuntimeDefault, or to Localhost with a ' +
    'profile loaded on the nodes; remove "unconfined" AppArmor annotations.',
  references: [PSS_BASELINE, 'KSV002', 'kubesec:ApparmorUnconfined'],
  profiles: ['baseline'],
  messages: {
    pod: 'the pod sets securityContext.appArmorProfile.type to {type}',
    container: 'container "{container}" sets securityContext.appArmorProfile.type to {type}',
    annotation: 'annotation {annotation} sets the AppArmor profile {value}',
  },
  *check(obj) {
    for (const pod of podSpecsOf(obj)) {
      const podType = badType(securityContextOf(pod.spec));
      if (podType !== undefined) {
        yield {
          messageId: 'pod',
          path: `${pod.path}.securityContext.appArmorProfile.type`,
          data: { type: podType },
        };
      }
      for (const c of containersOf(pod.spec, pod.path)) {
        const type = badType(securityContextOf(c.container));
        if (type === undefined) continue;
        yield {
          messageId: 'container',
          path: `${c.path}.securityContext.appArmorProfile.type`,
          data: { container: c.name, type },
        };
      }
      const annotations = pod.metadata.annotations;
      if (!isRecord(annotations)) continue;
      for (const [key, value] of Object.entries(annotations)) {
        if (!key.startsWith(ANNOTATION_PREFIX)) continue;
        if (typeof value === 'string' && allowedAnnotation(value)) continue;
        yield {
          messageId: 'annotation',
          path: joinPath(pod.metadataPath, 'annotations', key),
          data: { annotation: key, value: shown(value) },
        };
      }
    }
  },
};
