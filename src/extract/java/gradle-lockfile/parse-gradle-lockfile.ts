export interface GradleLockEntry {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly configurations: readonly string[];
  readonly line: number;
}

/**
 * A Gradle dependency lockfile: `group:name:version=conf1,conf2` per line; `#` comments and the
 * `empty=…` line (configurations that resolved nothing) carry no dependency. Malformed lines are
 * returned as warnings, never fatal.
 */
export function parseGradleLockfile(text: string): { entries: GradleLockEntry[]; warnings: string[] } {
  const entries: GradleLockEntry[] = [];
  const warnings: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('empty=')) return;
    const eq = line.indexOf('=');
    const gav = (eq < 0 ? line : line.slice(0, eq)).split(':');
    const [groupId, artifactId, version] = gav;
    if (gav.length !== 3 || !groupId || !artifactId || !version) {
      warnings.push(`line ${i + 1} is not group:name:version=configurations: ${line.slice(0, 200)}`);
      return;
    }
    const configurations =
      eq < 0
        ? []
        : line
            .slice(eq + 1)
            .split(',')
            .filter(Boolean);
    entries.push({ groupId, artifactId, version, configurations, line: i + 1 });
  });
  return { entries, warnings };
}
