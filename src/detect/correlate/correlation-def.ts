import type { ItemLocator, TextSpan } from '../rules/scalar-positions.ts';
import { parseDuration } from './parse-duration.ts';

/** One step of a sequence (or the single matcher of a count): a rule's match, or a condition. */
export interface StepDef {
  readonly rule?: string;
  readonly condition?: string;
  /** Where the condition was written, for error positions (empty for a `rule` step). */
  readonly spans: readonly TextSpan[];
  readonly by: readonly string[];
  /** The step's line in the file (the item's line for a count). */
  readonly line: number;
}

/** A `- correlation:` item as written, checked for shape; fields and rules are checked at compile. */
export interface CorrelationDef {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly desc: string;
  readonly source: string;
  readonly withinMs: number;
  readonly kind: 'sequence' | 'count';
  /** A sequence's steps in order, or a count's single matcher. */
  readonly steps: readonly StepDef[];
  /** Events needed for a count; the number of steps for a sequence. */
  readonly count: number;
  readonly output: string;
  readonly priority: string;
  readonly tags: readonly string[];
  enabled: boolean;
}

type Item = Record<string, unknown>;
export type DefProblem = { readonly message: string; readonly line?: number };

const KEYS = new Set([
  'correlation',
  'desc',
  'source',
  'within',
  'by',
  'sequence',
  'count',
  'rule',
  'condition',
  'output',
  'priority',
  'tags',
  'enabled',
]);
const STEP_KEYS = new Set(['rule', 'condition', 'by']);

const isMapping = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldList(v: unknown, what: string): string[] | string {
  if (!Array.isArray(v) || !v.every((f) => typeof f === 'string' && f.trim() !== '')) {
    return `'${what}' must be a list of field names`;
  }
  return v.map((f: string) => f.trim());
}

/** A step's matcher: exactly one of `rule` / `condition`, both strings. */
function matcher(
  item: Item,
  where: string,
  path: readonly (string | number)[],
  file: string,
  locate: ItemLocator,
): Pick<StepDef, 'rule' | 'condition' | 'spans'> | string {
  const hasRule = item.rule !== undefined;
  const hasCond = item.condition !== undefined;
  if (hasRule === hasCond) return `${where} needs exactly one of 'rule' and 'condition'`;
  if (hasRule) {
    return typeof item.rule === 'string' && item.rule.trim() !== ''
      ? { rule: item.rule.trim(), spans: [] }
      : `${where}: 'rule' must be a rule's name`;
  }
  if (typeof item.condition !== 'string' || item.condition.trim() === '') {
    return `${where}: 'condition' must be a non-empty string`;
  }
  const pos = locate([...path, 'condition']);
  return { condition: item.condition, spans: [{ start: 0, file, line: pos.line, at: pos.at }] };
}

/**
 * Reads and checks one `- correlation:` item (see docs/audit-correlation.md). Returns the
 * definition, or a problem with the line it is about (a step's line when a step is wrong).
 */
export function readCorrelation(
  item: Item,
  file: string,
  line: number,
  priorities: ReadonlySet<string>,
  locate: ItemLocator,
): CorrelationDef | DefProblem {
  const name = String(item.correlation);
  const fail = (message: string, at?: number): DefProblem => ({
    message: `Correlation ${JSON.stringify(name)}: ${message}`,
    ...(at === undefined ? {} : { line: at }),
  });
  const unknown = Object.keys(item).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) return fail(`unknown key(s) ${unknown.map((k) => `'${k}'`).join(', ')}`);

  if (item.within === undefined) return fail("'within' is required (e.g. within: 10m)");
  const within = parseDuration(item.within);
  if ('error' in within) return fail(within.error);

  const by = item.by === undefined ? [] : fieldList(item.by, 'by');
  if (typeof by === 'string') return fail(by);
  for (const key of ['output', 'priority']) {
    if (typeof item[key] !== 'string' || (item[key] as string).trim() === '') {
      return fail(`'${key}' is required`);
    }
  }
  const priority = (item.priority as string).trim();
  if (!priorities.has(priority.toLowerCase())) return fail(`invalid priority ${priority}`);
  if (item.tags !== undefined && !Array.isArray(item.tags)) return fail("'tags' must be a list");

  const hasSeq = item.sequence !== undefined;
  const hasCount = item.count !== undefined;
  if (hasSeq === hasCount) return fail("needs exactly one of 'sequence' and 'count'");

  let steps: StepDef[];
  let count: number;
  if (hasSeq) {
    if (!Array.isArray(item.sequence) || item.sequence.length < 2) {
      return fail("'sequence' must be a list of at least 2 steps");
    }
    if (item.rule !== undefined || item.condition !== undefined) {
      return fail("'rule' and 'condition' belong in the steps of a 'sequence'");
    }
    steps = [];
    for (const [i, raw] of (item.sequence as unknown[]).entries()) {
      const stepLine = locate(['sequence', i]).line;
      const where = `step ${i + 1}`;
      if (!isMapping(raw)) return fail(`${where} must be a mapping with 'rule' or 'condition'`, stepLine);
      const bad = Object.keys(raw).filter((k) => !STEP_KEYS.has(k));
      if (bad.length > 0)
        return fail(`${where}: unknown key(s) ${bad.map((k) => `'${k}'`).join(', ')}`, stepLine);
      const m = matcher(raw, where, ['sequence', i], file, locate);
      if (typeof m === 'string') return fail(m, stepLine);
      const stepBy = raw.by === undefined ? by : fieldList(raw.by, `${where} by`);
      if (typeof stepBy === 'string') return fail(stepBy, stepLine);
      if (steps.length > 0 && stepBy.length !== steps[0]!.by.length) {
        return fail(
          `${where} has ${stepBy.length} 'by' field(s) but step 1 has ${steps[0]!.by.length}: ` +
            'every step needs the same number, compared in order',
          stepLine,
        );
      }
      steps.push({ ...m, by: stepBy, line: stepLine });
    }
    count = steps.length;
  } else {
    if (typeof item.count !== 'number' || !Number.isInteger(item.count) || item.count < 2) {
      return fail(`'count' must be an integer of at least 2, not ${JSON.stringify(item.count)}`);
    }
    const m = matcher(item, 'a count', [], file, locate);
    if (typeof m === 'string') return fail(m);
    steps = [{ ...m, by, line }];
    count = item.count;
  }
  return {
    name,
    file,
    line,
    desc: typeof item.desc === 'string' ? item.desc.trim() : '',
    source: item.source === undefined ? 'k8s_audit' : String(item.source),
    withinMs: within.ms,
    kind: hasSeq ? 'sequence' : 'count',
    steps,
    count,
    output: (item.output as string).trim(),
    priority,
    tags: Array.isArray(item.tags) ? item.tags.map(String) : [],
    enabled: item.enabled !== false,
  };
}
