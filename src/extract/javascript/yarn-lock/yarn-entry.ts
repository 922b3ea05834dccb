/** One block of a yarn.lock (classic or Berry), before edges are resolved. */
export interface YarnEntry {
  /** Descriptors of the block's key (`ajv@^6.10.2`, `"@babel/code-frame@npm:7.10.4"`), unquoted. */
  readonly specs: readonly string[];
  readonly name: string;
  readonly version: string;
  /** Berry: `name@npm:1.2.3`, `name@workspace:.`, `name@patch:…`. */
  readonly resolution?: string;
  /** Classic: the tarball URL. */
  readonly resolved?: string;
  /** Classic: SRI; Berry's `checksum` is of its cache zip, not of the tarball, so it is kept apart. */
  readonly integrity?: string;
  readonly checksum?: string;
  /** dependencies and optionalDependencies (peer ones are the dependent's business). */
  readonly deps: readonly (readonly [name: string, range: string])[];
  /** A workspace of the project itself (Berry `workspace:` resolutions): not a package. */
  readonly workspace: boolean;
  readonly line: number;
}

/**
 * The package name a yarn.lock key line stands for: the real name behind an `npm:` alias
 * (`"old-foo@npm:@scope/foo@1.2.3"` → `@scope/foo`), otherwise the part before the range's `@`.
 * '' when the line names nothing (`"code-frame":`, `"@/x@1"`).
 */
export function yarnPackageName(line: string): string {
  const first = splitSpecs(line.trim().replace(/:$/, ''))[0] ?? '';
  const alias = /^(?:@[^/@]+\/)?[^@]+@npm:((?:@[^/@]+\/)?[^@]+)@/.exec(first);
  if (alias) return alias[1]!;
  const m = /^((?:@[^/@]+\/)?[^/@]+)@/.exec(first);
  return m ? m[1]! : '';
}

/** A key line's comma-separated descriptors, unquoted. */
export function splitSpecs(key: string): string[] {
  return key
    .split(/,\s*/)
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter((s) => s !== '');
}

/**
 * The name a registry tarball URL names (`…/@4lolo/resize-observer-polyfill/-/…tgz`): a v1 lock
 * keys an aliased package by its alias, and only the URL tells the real name.
 */
export function nameFromTarballUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^https?:\/\/[^/]+\/((?:@[^/]+(?:\/|%2f))?[^/@]+)\/-\//i.exec(url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
