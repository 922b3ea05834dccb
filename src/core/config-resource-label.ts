import type { ConfigResource } from './config-finding.ts';

/**
 * How outputs name the object a configuration finding is about: `Deployment/shop/web`,
 * `ClusterRole/admin` (no namespace), `Dockerfile/build` (a stage), `Dockerfile` (no name).
 */
export function configResourceLabel(r: Pick<ConfigResource, 'kind' | 'name' | 'namespace'>): string {
  return [r.kind, r.namespace, r.name].filter((p) => p !== undefined && p !== '').join('/');
}
