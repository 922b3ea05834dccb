import type { K8sProfile, K8sRule } from './k8s-rule.ts';

/** What `--profile` accepts: one rule set, or `all` (the default of `bulwark config`). */
export type K8sProfileSelection = K8sProfile | 'all';

/**
 * The rule sets a selection runs. The Pod Security levels nest (`restricted` includes `baseline`);
 * best-practice and RBAC rules run with every selection, since no Pod Security level covers them.
 */
export function profilesFor(selection: K8sProfileSelection): ReadonlySet<K8sProfile> {
  switch (selection) {
    case 'all':
    case 'restricted':
      return new Set<K8sProfile>(['baseline', 'restricted', 'best-practice', 'rbac']);
    case 'baseline':
      return new Set<K8sProfile>(['baseline', 'best-practice', 'rbac']);
    default:
      return new Set<K8sProfile>([selection, 'best-practice', 'rbac']);
  }
}

/** The rules of `rules` that a selection runs, in their registry order. */
export function selectK8sRules<R extends K8sRule>(rules: readonly R[], selection: K8sProfileSelection): R[] {
  const wanted = profilesFor(selection);
  return rules.filter((r) => r.profiles.some((p) => wanted.has(p)));
}
