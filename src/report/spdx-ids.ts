/**
 * The idstring part of an SPDX identifier (`SPDXRef-<idstring>`, `LicenseRef-<idstring>`): only
 * letters, digits, `.` and `-` are allowed, so every other run of characters becomes one `-`.
 * Different inputs can sanitise alike; callers make ids unique with uniqueIds().
 */
export function spdxIdString(text: string, maxLength = 128): string {
  const s = text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, maxLength)
    .replace(/-$/, '');
  return s || 'unnamed';
}
