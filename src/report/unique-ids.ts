/**
 * Returns a function that hands out ids unique within one document: a candidate already taken gets
 * `-2`, `-3`… appended. Callers allocate in output order, so the result is stable for a given input.
 */
export function uniqueIds(): (candidate: string) => string {
  const taken = new Set<string>();
  return (candidate) => {
    let id = candidate;
    for (let n = 2; taken.has(id); n++) id = `${candidate}-${n}`;
    taken.add(id);
    return id;
  };
}
