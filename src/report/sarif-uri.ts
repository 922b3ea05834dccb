/** A path of the scanned tree as a relative URI reference (each segment percent-encoded). */
export function pathUri(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
