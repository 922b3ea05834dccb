/**
 * Falco's priorities, most severe first (`informational` and `info` are one level). Rules may
 * spell them in any case, so comparisons go through lower case.
 */
const LEVELS: readonly (readonly string[])[] = [
  ['emergency'],
  ['alert'],
  ['critical'],
  ['error'],
  ['warning'],
  ['notice'],
  ['informational', 'info'],
  ['debug'],
];

/** Every priority name at or above `min`, in lower case; undefined when `min` is not a priority. */
export function prioritiesAtLeast(min: string): readonly string[] | undefined {
  const wanted = min.toLowerCase();
  const index = LEVELS.findIndex((names) => names.includes(wanted));
  return index < 0 ? undefined : LEVELS.slice(0, index + 1).flat();
}

/** The priority names a query accepts, for messages. */
export const PRIORITY_NAMES: readonly string[] = LEVELS.flat();
