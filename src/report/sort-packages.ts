import type { Package } from '../core/package.ts';

function cmp(a: string, b: string): number {
  // Code-unit order, not localeCompare: the output must not depend on the user's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Packages in output order: by name, then version, type and id (ties keep scan order). */
export function sortPackages(packages: readonly Package[]): Package[] {
  return [...packages].sort(
    (a, b) => cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.type, b.type) || cmp(a.id, b.id),
  );
}

export { cmp as compareCodeUnits };
