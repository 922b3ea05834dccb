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
}
