/**
 * `name@version` → its parts, for the many places lockfiles glue them (`@babel/core@7.24.0`,
 * `lodash@4.17.21`, `ghostty-web@github:o/r#sha`). The `@` that separates is the first one after
 * the name's own leading `@`. Undefined when there is no version.
 */
export function splitNameVersion(spec: string): { name: string; version: string } | undefined {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at <= 0 || at === spec.length - 1) return undefined;
  const name = spec.slice(0, at);
  if (name.startsWith('@') && !/^@[^/]+\/[^/]+$/.test(name)) return undefined;
  return { name, version: spec.slice(at + 1) };
}
