/** Name, version and release of the source package an rpm was built from. */
export interface SourceRpm {
  readonly name: string;
  readonly version: string;
  readonly release: string;
}

/**
 * Splits a SOURCERPM file name, `<name>-<version>-<release>.(src|nosrc).rpm`, e.g.
 * `bash-5.1.8-6.el9.src.rpm` → bash, 5.1.8, 6.el9. Version and release never contain `-`, so
 * the name is everything before the last two dashes. Undefined when the text has another shape.
 */
export function parseSourceRpm(sourceRpm: string): SourceRpm | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(sourceRpm.trim());
  if (!match) return undefined;
  return { name: match[1]!, version: match[2]!, release: match[3]! };
}
