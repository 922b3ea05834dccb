import { normalizeLicense } from './normalize-license.ts';

/**
 * A licence field as package databases declare it (apk `L:`, opkg `License:`): one expression
 * when it has operators or is a single word (`MIT`, `GPL-2.0-or-later AND MIT`), else a list of
 * words, one licence each (`MIT BSD GPL2+`), as Syft reads it. Each is normalised to SPDX where
 * possible; the words are not fed to the normaliser together, which would guess one licence.
 */
export function declaredLicenses(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (/\s(and|or|with)\s/i.test(trimmed) || !/\s/.test(trimmed)) return [normalizeLicense(trimmed)];
  return [...new Set(trimmed.split(/\s+/).map(normalizeLicense))];
}
