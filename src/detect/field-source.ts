/**
 * The fields an event source offers to the rule language (Falco's `ka.*` for k8s_audit,
 * `proc.*`/`evt.*` later), resolved once at rule-load time into plain accessor closures.
 */
export interface FieldAccessor {
  /** Reads the field from one event; `undefined` when absent (the field then matches nothing). */
  readonly get: (event: unknown) => unknown;
  /** The value kind, for operator checks at load time (`in`, `intersects` need lists). */
  readonly type: 'string' | 'number' | 'boolean' | 'list' | 'json';
}

export interface FieldSource {
  /** Falco's source name: `k8s_audit`, `syscall`. */
  readonly name: string;
  /**
   * The accessor for `name` with its optional argument (`ka.req.pod.containers.image[0]` → name
   * `ka.req.pod.containers.image`, arg `0`; `jevt.value[/user/username]` → arg `/user/username`),
   * or an error message naming why it cannot be resolved (unknown field, bad argument).
   */
  resolve(name: string, arg: string | undefined): FieldAccessor | { readonly error: string };
  /**
   * Scalar fields whose value decides which rules an event can meet (Falco indexes syscall rules by
   * event type; audit rules mostly pin the verb and the resource). Rule dispatch reads them once
   * per event and skips rules whose condition requires other values. Named as conditions write
   * them, with an argument when there is one (`jevt.value[/stage]`); never `list` fields.
   */
  readonly indexFields?: readonly string[];
}
