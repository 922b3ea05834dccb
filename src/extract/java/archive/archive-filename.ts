/** Name and version guessed from an archive's file name (`log4j-core-2.14.1.jar`). */
export interface ArchiveFilename {
  /** The base name without its extension. */
  readonly base: string;
  readonly name: string;
  readonly version: string;
}

/**
 * Splits `name-version.ext` the way Syft does: dash-separated words belong to the name until one
 * starts a version — it begins with a digit, or is `build<digits>…`, or is the last word and reads `r<digits>`/`rc<digits>`
 * (`guava-r06`, `trilead-ssh2-build212-hudson-5`). The first word is always part of the name.
 * Failing that, a version after the last-ditch `.`/`_` separators (`pkg-maven_4.3.2`).
 */
export function parseArchiveFilename(path: string): ArchiveFilename {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
  const dot = file.lastIndexOf('.');
  const base = dot > 0 ? file.slice(0, dot) : file;
  const words = base.split('-');
  for (let i = 1; i < words.length; i++) {
    if (startsVersion(words.slice(i))) {
      return { base, name: words.slice(0, i).join('-'), version: words.slice(i).join('-') };
    }
  }
  const m = /[._-](\d.*)$/.exec(base);
  if (m && m.index > 0) return { base, name: base.slice(0, m.index), version: m[1]! };
  return { base, name: base, version: '' };
}

/** `r06`/`rc1` only count when nothing follows (`spring-data-r2dbc-1.1.0` keeps `r2dbc` in the name). */
function startsVersion(rest: string[]): boolean {
  return /^(\d|build\d)/i.test(rest[0]!) || /^rc?\d+$/i.test(rest.join('-'));
}
