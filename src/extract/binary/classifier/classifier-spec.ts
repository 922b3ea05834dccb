/**
 * A content pattern: `regex` runs over the file's bytes read as latin1 (one char per byte) and
 * must capture the version in a group named `version`. With `anchors`, the regex only runs on a
 * small window around each occurrence of an anchor (found with a fast byte search), so big
 * binaries cost one memchr-like pass; without anchors it scans the whole file, so the regex must
 * then be linear (no nested or unbounded ambiguous quantifiers).
 */
export interface ContentPattern {
  readonly regex: RegExp;
  readonly anchors?: readonly string[];
}

/**
 * Evidence: content patterns, tried in order (first match wins); or `go-program`, for Go
 * programs whose version is in Go build info (main module, `-ldflags -X …version=`) or, for
 * distribution builds without module info, a linker-set string beside the Go version.
 */
export type Evidence =
  | { readonly kind: 'content'; readonly patterns: readonly ContentPattern[] }
  /** `{{version}}` in a pattern's regex source and anchors is replaced by the file name's version. */
  | {
      readonly kind: 'file-name-version';
      readonly fileNameVersion: RegExp;
      readonly patterns: readonly ContentPattern[];
    }
  | { readonly kind: 'go-program' };

export interface ClassifierSpec {
  /** Syft's class name where Syft has the classifier (`redis-binary`), ours otherwise. */
  readonly class: string;
  /** Base-name globs (`*` and `?`); `libpython*.so*`. */
  readonly fileNames: readonly string[];
  readonly evidence: Evidence;
  /** Package name reported. */
  readonly package: string;
  /** purl with `{{version}}`: `pkg:generic/redis@{{version}}`. */
  readonly purl: string;
  /** CPE 2.3 templates with `*` in the version slot; the version is filled in. */
  readonly cpes: readonly string[];
  /**
   * Of the classifiers sharing a group, only the first that matches reports (as Syft's branching
   * matchers: an AWS-LC `openssl` binary is aws-lc, not OpenSSL 1.1.1).
   */
  readonly group?: string;
}
