/** `-X pkg/path.var=value`, the value possibly quoted ('…', "…", \"…\"). */
const X_FLAG = /-X\s*=?\s*['"\\]*([^\s'"\\=]+)\.([A-Za-z_][A-Za-z0-9_]*)=['"\\]*([^\s'"\\]*)/g;
/** Variables that hold a release version: version, Version, gitVersion, BuildVersion, TiDBReleaseVersion, tag. */
const VERSION_VAR = /(^|[a-z_])(version|Version)$|^tag$/;
/** Versions of other things (toolchains, bundled clients) that never name the main module's release. */
const NOT_OURS = /^(go|kubectl|glibc)/i;
const SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

/**
 * The main module's release version from `-ldflags` (`-X …/version.Version=1.2.3`), as a Go
 * module version (`v1.2.3`); undefined when no linker variable holds a semantic version. A
 * variable of the main module's own packages wins over others; otherwise the first one does.
 * Values like `kustomize/v4.5.7` keep the part after the last slash.
 */
export function versionFromLdflags(ldflags: string, mainModule = ''): string | undefined {
  let first: string | undefined;
  for (const m of ldflags.matchAll(X_FLAG)) {
    const [, pkg = '', name = '', rawValue = ''] = m;
    if (!VERSION_VAR.test(name) || NOT_OURS.test(name)) continue;
    const value = rawValue.slice(rawValue.lastIndexOf('/') + 1);
    if (!SEMVER.test(value)) continue;
    const version = value.startsWith('v') ? value : `v${value}`;
    if (mainModule !== '' && (pkg === mainModule || pkg.startsWith(`${mainModule}/`))) return version;
    first ??= version;
  }
  return first;
}

/**
 * The pseudo-version `go` would give a build of a VCS revision (v0.0.0-20221014195457-41bc6bb41035),
 * from the `vcs.revision` and `vcs.time` build settings; undefined when either is missing.
 */
export function pseudoVersion(revision: string | undefined, time: string | undefined): string | undefined {
  if (!revision || !time) return undefined;
  const t = new Date(time);
  if (Number.isNaN(t.getTime())) return undefined;
  const stamp = t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `v0.0.0-${stamp}-${revision.slice(0, 12)}`;
}
