import { PackageURL } from 'packageurl-js';

/**
 * `pkg:golang/<module path>@<version>` as Syft writes it: the module path's last element is the
 * purl name, the rest its namespace (pkg:golang/github.com/coreos/go-systemd/v22@v22.1.0). An
 * empty version is left out.
 */
export function golangPurl(modulePath: string, version: string): string {
  const slash = modulePath.lastIndexOf('/');
  const namespace = slash > 0 ? modulePath.slice(0, slash) : undefined;
  const name = slash > 0 ? modulePath.slice(slash + 1) : modulePath;
  return new PackageURL('golang', namespace, name, version || undefined, undefined, undefined).toString();
}

/** `golang:<module>@<version>`: the id of a Go module package. */
export function golangId(modulePath: string, version: string): string {
  return `golang:${modulePath}@${version}`;
}
