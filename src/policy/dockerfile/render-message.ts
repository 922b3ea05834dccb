/** Fills a message template's `{name}` placeholders; an unknown placeholder is left as written. */
export function renderMessage(
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole,
  );
}
