/** The operating system of a scanned tree, from os-release and friends. */
export interface OsInfo {
  /** os-release ID, lowercase: debian, ubuntu, alpine, rhel, centos, almalinux, rocky, fedora, sles, opensuse-leap, amzn, ol, wolfi, chainguard… */
  readonly id: string;
  /** os-release VERSION_ID (or the version read from alpine-release / debian_version / redhat-release). */
  readonly versionId?: string;
  readonly versionCodename?: string;
  readonly prettyName?: string;
  /** ID_LIKE entries, lowercase. */
  readonly idLike?: readonly string[];
  /** True for distroless images (Google distroless, Chainguard static…): no shell or package manager. */
  readonly distroless?: boolean;
  /** The file the information came from. */
  readonly source: string;
}
