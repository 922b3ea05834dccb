import type { FieldAccessor } from '../field-source.ts';

/** Reads one field from one audit event; `undefined` when the event lacks it. */
export type Getter = (event: unknown) => unknown;

interface FieldDefBase {
  /** Falco's field name, e.g. `ka.req.pod.containers.image`. */
  readonly name: string;
  readonly type: FieldAccessor['type'];
  readonly description: string;
}

/**
 * One row of the field table. The argument form decides what `[...]` may follow the name, and `build`
 * receives it already parsed, so accessors never re-parse per event.
 * - `none`: no argument allowed.
 * - `index`: optional non-negative integer selecting one element of a list (`image[0]`).
 * - `key`: required free-form key (`ka.uri.param[command]`).
 * - `pointer`: required RFC 6901 JSON pointer (`jevt.value[/user/username]`), given as reference tokens.
 */
export type FieldDef =
  | (FieldDefBase & { readonly arg: 'none'; readonly build: () => Getter })
  | (FieldDefBase & { readonly arg: 'index'; readonly build: (index: number | undefined) => Getter })
  | (FieldDefBase & { readonly arg: 'key'; readonly build: (key: string) => Getter })
  | (FieldDefBase & { readonly arg: 'pointer'; readonly build: (tokens: readonly string[]) => Getter });
