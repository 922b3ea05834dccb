import { isRecord } from '../../../../core/is-record.ts';
import type { K8sObject } from '../../k8s-object.ts';

/** One subject of a binding with its path (`subjects[0]`). */
export interface SubjectAt {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly path: string;
}

/** A RoleBinding or ClusterRoleBinding: whom it binds, and to what. */
export interface BindingAt {
  readonly roleKind: string;
  readonly roleName: string;
  readonly subjects: readonly SubjectAt[];
}

/** The binding view of a RoleBinding or ClusterRoleBinding; undefined for other kinds or without a roleRef. */
export function bindingOf(obj: K8sObject): BindingAt | undefined {
  if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') return undefined;
  const roleRef = obj.raw.roleRef;
  if (!isRecord(roleRef) || typeof roleRef.name !== 'string') return undefined;
  const subjects: SubjectAt[] = [];
  const raw = obj.raw.subjects;
  if (Array.isArray(raw)) {
    raw.forEach((s: unknown, i) => {
      if (!isRecord(s) || typeof s.name !== 'string') return;
      subjects.push({
        kind: typeof s.kind === 'string' ? s.kind : '',
        name: s.name,
        ...(typeof s.namespace === 'string' ? { namespace: s.namespace } : {}),
        path: `subjects[${i}]`,
      });
    });
  }
  return {
    roleKind: typeof roleRef.kind === 'string' ? roleRef.kind : '',
    roleName: roleRef.name,
    subjects,
  };
}

/** `ServiceAccount ci/deployer`, `Group system:masters` for messages. */
export function subjectLabel(s: SubjectAt): string {
  return `${s.kind || 'subject'} ${s.namespace !== undefined ? `${s.namespace}/` : ''}${s.name}`;
}
