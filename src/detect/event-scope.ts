/**
 * The span of one event's evaluation by the engine. Inside it, field accessors may keep the value
 * they read for that event (the same field is read by many rules: `jevt.value[/stage]` by every
 * `kevt`, the user and the resource by most outputs). Outside a scope nothing is kept, so a caller
 * that edits an event in place and matches it again never sees a stale value.
 */
let current = 0;
let issued = 0;

/**
 * Starts one event's evaluation; accessors' memos are valid until {@link leaveEventScope} with the
 * id this returns (call it in a `finally`). No closure per event, as the engine's hot path wants.
 */
export function enterEventScope(): number {
  const outer = current;
  issued++;
  current = issued;
  return outer;
}

/** Ends the scope {@link enterEventScope} started, back to the one it returned. */
export function leaveEventScope(outer: number): void {
  current = outer;
}

/**
 * `get`, keeping its last value for the event and scope it was read in: the value is read once
 * per event per field, however many rules ask. Values are shared between those readers, which
 * only read them.
 */
export function memoizedInScope(get: (event: unknown) => unknown): (event: unknown) => unknown {
  let scope = 0;
  let event: unknown;
  let value: unknown;
  return (e) => {
    const s = current;
    if (s !== 0 && s === scope && e === event) return value;
    const v = get(e);
    if (s !== 0) {
      scope = s;
      event = e;
      value = v;
    }
    return v;
  };
}
