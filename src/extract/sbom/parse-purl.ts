import { PackageURL } from 'packageurl-js';

/** The purl parsed (and normalised as the purl spec says), or undefined when it is not a valid purl. */
export function parsePurl(text: string | undefined): PackageURL | undefined {
  if (!text?.trim()) return undefined;
  try {
    return PackageURL.fromString(text.trim());
  } catch {
    return undefined;
  }
}

/** A qualifier's value, undefined when absent or empty. */
export function qualifier(purl: PackageURL, key: string): string | undefined {
  const value = purl.qualifiers?.[key];
  return value?.trim() ? value.trim() : undefined;
}
