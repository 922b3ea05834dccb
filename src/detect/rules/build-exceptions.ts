/** One rule exception as written in a rules file. */
export interface RuleException {
  readonly name: string;
  /** A list of fields (values are tuples) or one field (values are single values). */
  readonly fields: string | readonly string[];
  readonly comps: string | readonly string[] | undefined;
  readonly values: readonly unknown[];
}

const SET_OPS = new Set(['in', 'intersects', 'pmatch']);

/** Falco's `quote_item`: a value with spaces or condition punctuation is quoted. */
function quoteItem(value: unknown): string {
  const text = String(value);
  if (text.startsWith('"') || text.startsWith("'")) return text;
  return /[\s(),=<>!"']/.test(text) || text === '' ? JSON.stringify(text) : text;
}

function valueText(value: unknown, comp: string): string {
  if (Array.isArray(value)) return `(${value.map(quoteItem).join(', ')})`;
  const text = quoteItem(value);
  // Falco's `paren_item`: a set operator's scalar value is a list name or a one-item set.
  return SET_OPS.has(comp) && !text.startsWith('(') ? `(${text})` : text;
}

/**
 * The condition text of one exception, for `and not (…)`: tuples of `fields comps values` joined by
 * `or` (default comp `=`), or for a single field `field comp (values)` (default comp `in`). Returns
 * `undefined` when the exception has no values (it then excludes nothing), or an error message.
 */
export function exceptionCondition(exc: RuleException): { text: string | undefined } | { error: string } {
  if (exc.values.length === 0) return { text: undefined };
  if (typeof exc.fields === 'string') {
    const comp = typeof exc.comps === 'string' ? exc.comps : 'in';
    if (SET_OPS.has(comp)) return { text: `${exc.fields} ${comp} (${exc.values.map(quoteItem).join(', ')})` };
    return { text: exc.values.map((v) => `${exc.fields} ${comp} ${valueText(v, comp)}`).join(' or ') };
  }
  const fields = exc.fields;
  const comps = exc.comps === undefined ? fields.map(() => '=') : exc.comps;
  if (typeof comps === 'string' || comps.length !== fields.length) {
    return { error: `exception ${exc.name}: fields and comps lists must have the same length` };
  }
  const tuples: string[] = [];
  for (const tuple of exc.values) {
    if (!Array.isArray(tuple) || tuple.length !== fields.length) {
      return { error: `exception ${exc.name}: each value must be a list of ${fields.length} items` };
    }
    const parts = fields.map((f, i) => `${f} ${comps[i]} ${valueText(tuple[i], comps[i]!)}`);
    tuples.push(`(${parts.join(' and ')})`);
  }
  return { text: tuples.join(' or ') };
}
