/** A MANIFEST.MF: the main section and the named (per-entry) sections, keys as written. */
export interface JarManifest {
  readonly main: Readonly<Record<string, string>>;
  readonly sections: readonly Readonly<Record<string, string>>[];
}

/**
 * Parses MANIFEST.MF text (JAR spec): `Key: value` lines, a line starting with one space continues
 * the previous value (lines are wrapped at 72 bytes, even mid-word, so the space is dropped and
 * nothing else), blank lines separate sections. Lenient where real jars are sloppy: CR/CRLF/LF
 * line ends, several blank lines, lines without a colon (skipped and counted, never fatal).
 */
export function parseManifest(text: string): JarManifest & { readonly badLines: number } {
  const sections: Record<string, string>[] = [{}];
  let current: Record<string, string> | undefined = sections[0];
  let lastKey: string | undefined;
  let badLines = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') {
      current = undefined;
      lastKey = undefined;
      continue;
    }
    if (line.startsWith(' ')) {
      if (current && lastKey !== undefined) current[lastKey] += line.slice(1);
      else badLines++;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      badLines++;
      continue;
    }
    if (!current) {
      current = {};
      sections.push(current);
    }
    lastKey = line.slice(0, colon).trim();
    current[lastKey] = line.slice(colon + 1).trim();
  }
  // Values built from continuations may end with wrapped spaces; trim once at the end.
  for (const s of sections) for (const k of Object.keys(s)) s[k] = s[k]!.trim();
  return { main: sections[0]!, sections: sections.slice(1), badLines };
}

/** The first non-empty value of `key` in the main section, then in the named sections. */
export function manifestValue(m: JarManifest, key: string): string | undefined {
  const main = m.main[key];
  if (main) return main;
  for (const s of m.sections) if (s[key]) return s[key];
  return undefined;
}
