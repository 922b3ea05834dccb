import { normalizeLicense } from '../../license/normalize-license.ts';

/**
 * Licences declared by a machine-readable Debian copyright file (DEP-5, copyright-format/1.0):
 * the short name on each `License:` line (not its text), normalised to SPDX where possible,
 * de-duplicated and sorted. Undefined when the file is not machine-readable (its first field is
 * not `Format:`): free-text copyright files have no reliable licence names, as Syft also decides.
 * `none` is dropped. Unlike Syft we do not harvest `/usr/share/common-licenses/X` mentions from
 * the prose: they are references, sometimes wrong (libaudit-common's GPL-2 text points at GPL-1).
 */
export function licensesFromCopyright(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '');
  if (!first || !/^Format(-Specification)?:\s*\S/i.test(first)) return undefined;
  const out = new Set<string>();
  for (const line of lines) {
    const m = /^License:[ \t]*(.*)$/i.exec(line);
    const name = m?.[1]?.trim();
    if (!name || name.toLowerCase() === 'none') continue;
    out.add(normalized(name));
  }
  return [...out].sort();
}

/** normalizeLicense is slow on names it must correct (~0.3 ms) and a system repeats a few hundred names. */
const memo = new Map<string, string>();

function normalized(name: string): string {
  let value = memo.get(name);
  if (value === undefined) {
    value = normalizeLicense(name);
    if (memo.size >= 4096) memo.clear();
    memo.set(name, value);
  }
  return value;
}
