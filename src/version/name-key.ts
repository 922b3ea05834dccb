/**
 * The key a package name is indexed and looked up by, per OSV ecosystem, so `Django` finds
 * advisories for `django` and `zope.interface` those for `zope-interface`:
 * - PyPI: PEP 503 normalisation (lowercase, runs of `-`, `_`, `.` → `-`).
 * - Go: unchanged; module paths are case-sensitive (`github.com/Sirupsen/logrus` is another module).
 * - Everything else: lowercased. Registries such as npm and RubyGems refuse names differing only
 *   in case, and advisories do not always keep the registry's case.
 * The ecosystem's `:release` suffix does not matter here.
 */
export function packageNameKey(ecosystem: string, name: string): string {
  const base = ecosystem.split(':')[0]!;
  if (base === 'Go') return name;
  if (base === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name.toLowerCase();
}
