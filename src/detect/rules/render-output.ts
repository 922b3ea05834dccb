import type { FieldAccessor, FieldSource } from '../field-source.ts';

/** One `%field` / `%field[arg]` reference in an output template. */
interface OutputRef {
  readonly key: string;
  readonly name: string;
  readonly arg: string | undefined;
  readonly start: number;
  readonly end: number;
}

/** An output template with its fields resolved once. */
export interface CompiledOutput {
  readonly render: (event: unknown) => string;
  readonly fields: (event: unknown) => Record<string, unknown>;
}

export type CompileOutputResult =
  | { readonly ok: true; readonly output: CompiledOutput }
  | { readonly ok: false; readonly message: string; readonly column: number };

const REF = /%([A-Za-z_][A-Za-z0-9_.-]*[A-Za-z0-9_])(\[[^\]]*\])?/g;

function scanRefs(template: string): OutputRef[] {
  const refs: OutputRef[] = [];
  for (const m of template.matchAll(REF)) {
    const name = m[1]!;
    const arg = m[2] === undefined ? undefined : m[2].slice(1, -1);
    const key = arg === undefined ? name : `${name}[${arg}]`;
    refs.push({ key, name, arg, start: m.index, end: m.index + m[0].length });
  }
  return refs;
}

/** A field value as Falco prints it: `<NA>` when absent, list elements joined with commas. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '<NA>';
  if (Array.isArray(value)) {
    return value.length === 0
      ? '<NA>'
      : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
  }
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Resolves every field of `template` against `source` once; an unknown field is an error. */
export function compileOutput(template: string, source: FieldSource): CompileOutputResult {
  const refs = scanRefs(template);
  const accessors = new Map<string, FieldAccessor>();
  for (const ref of refs) {
    if (accessors.has(ref.key)) continue;
    const got = source.resolve(ref.name, ref.arg);
    if ('error' in got) return { ok: false, message: got.error, column: ref.start + 1 };
    accessors.set(ref.key, got);
  }
  const texts: string[] = [];
  const gets: FieldAccessor['get'][] = [];
  let at = 0;
  for (const ref of refs) {
    texts.push(template.slice(at, ref.start));
    gets.push(accessors.get(ref.key)!.get);
    at = ref.end;
  }
  const tail = template.slice(at);
  const entries = [...accessors];
  return {
    ok: true,
    output: {
      render: (event) => {
        let out = '';
        for (let i = 0; i < gets.length; i++) out += texts[i]! + showValue(gets[i]!(event));
        return out + tail;
      },
      fields: (event) => {
        const out: Record<string, unknown> = {};
        for (const [key, acc] of entries) out[key] = acc.get(event) ?? null;
        return out;
      },
    },
  };
}

/** Renders `template` for one event (fields resolved on each call; unknown fields print `<NA>`). */
export function renderOutput(template: string, event: unknown, source: FieldSource): string {
  return template.replace(REF, (_all, name: string, bracket: string | undefined) => {
    const got = source.resolve(name, bracket === undefined ? undefined : bracket.slice(1, -1));
    return 'error' in got ? '<NA>' : showValue(got.get(event));
  });
}
