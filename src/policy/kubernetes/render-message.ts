/**
 * Fills a message template's `{placeholders}` from `data`. A placeholder without a value is left
 * as written, so a missing value shows in the output instead of vanishing.
 */
export function renderMessage(
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    const v = Object.hasOwn(data, key) ? data[key] : undefined;
    return v === undefined ? whole : String(v);
  });
}
