/**
 * The key of the folder Node (and npm's arborist) loads `dep` from when required by the package
 * at `from` (a lockfile path like `node_modules/a/node_modules/b`, a workspace folder, or '' for
 * the root): `<from>/node_modules/<dep>`, then the same in each folder above, up to the root.
 * Candidates that cannot exist (`node_modules/node_modules/x`) simply miss.
 */
export function resolveNodeModules(
  from: string,
  dep: string,
  has: (key: string) => boolean,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
    if (has(candidate)) return candidate;
    if (base === '') return undefined;
    const slash = base.lastIndexOf('/');
    base = slash < 0 ? '' : base.slice(0, slash);
  }
}
