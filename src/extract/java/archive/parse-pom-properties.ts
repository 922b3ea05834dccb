/** A `META-INF/maven/<g>/<a>/pom.properties` file. */
export interface PomProperties {
  /** Path of the file inside its archive. */
  readonly path: string;
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  /** Other keys (`name`, build tool extras). */
  readonly extra: Readonly<Record<string, string>>;
}

/**
 * Java properties as Maven writes pom.properties: `key=value` or `key:value` (the first `=` or
 * `:` splits, as Syft reads them), `#`/`!` comments. Escapes and continuations do not occur in
 * generated pom.properties and are not interpreted.
 */
export function parsePomProperties(path: string, text: string): PomProperties {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /[=:]/.exec(line);
    if (!m) continue;
    values[line.slice(0, m.index).trim()] = line.slice(m.index + 1).trim();
  }
  const { groupId = '', artifactId = '', version = '', ...extra } = values;
  return { path, groupId, artifactId, version, extra };
}
