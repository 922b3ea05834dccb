/** Code-unit order: the same on every backend and locale (SQL collations differ between them). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
