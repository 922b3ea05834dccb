import { type CorrelationDef, readCorrelation } from '../correlate/correlation-def.ts';
import type { RuleException } from './build-exceptions.ts';
import type { ItemLocator, TextSpan } from './scalar-positions.ts';

export interface ListDef {
  readonly items: string[];
}
export interface MacroDef {
  condition: string;
  /** Where each piece of `condition` was written (the definition, then any appends). */
  spans: TextSpan[];
  readonly file: string;
  readonly line: number;
}
export interface RuleDef {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  desc: string;
  condition: string;
  /** Where each piece of `condition` was written (the definition, then any appends). */
  conditionSpans: TextSpan[];
  output: string;
  priority: string;
  source: string;
  tags: string[];
  enabled: boolean;
  exceptions: RuleException[];
}
export interface RulesState {
  readonly lists: Map<string, ListDef>;
  readonly macros: Map<string, MacroDef>;
  readonly rules: Map<string, RuleDef>;
  readonly correlations: Map<string, CorrelationDef>;
}

type Item = Record<string, unknown>;
/** What went wrong with an item; `line` when it is not the item's own line (a correlation's step). */
type Problem = { rule?: string; correlation?: string; line?: number; message: string } | undefined;

/** Where one item is: its file, line, and a locator for its nested nodes (condition positions). */
export interface ItemPlace {
  readonly file: string;
  readonly line: number;
  readonly locate: ItemLocator;
}

/** Falco's priorities, lower-cased. */
export const PRIORITIES: ReadonlySet<string> = new Set([
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'info',
  'debug',
]);
const APPENDABLE = new Set(['condition', 'output', 'desc', 'tags', 'exceptions', 'items']);
const REPLACEABLE = new Set([
  'condition',
  'output',
  'desc',
  'priority',
  'tags',
  'exceptions',
  'enabled',
  'items',
  'source',
  'warn_evttypes',
  'skip-if-unknown-filter',
]);

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/** `override: { key: append|replace }`, checked; `undefined` when absent. */
function overrides(item: Item, kind: string): Map<string, string> | string | undefined {
  if (item.override === undefined) return undefined;
  if (typeof item.override !== 'object' || item.override === null || Array.isArray(item.override)) {
    return `${kind}: 'override' must be a mapping of keys to append|replace`;
  }
  const out = new Map<string, string>();
  for (const [key, how] of Object.entries(item.override)) {
    if (how === 'append' ? !APPENDABLE.has(key) : how === 'replace' ? !REPLACEABLE.has(key) : true) {
      return `${kind}: cannot override key '${key}' with '${String(how)}'`;
    }
    if (!(key in item)) return `${kind}: override key '${key}' has no value`;
    out.set(key, how as string);
  }
  if (item.append === true) return `${kind}: 'append' and 'override' cannot be used together`;
  return out;
}

function readExceptions(v: unknown): RuleException[] | string {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return "'exceptions' must be a list";
  const out: RuleException[] = [];
  for (const e of v as Item[]) {
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string') return 'exception without a name';
    const fields = e.fields === undefined ? [] : typeof e.fields === 'string' ? e.fields : strings(e.fields);
    const comps =
      e.comps === undefined ? undefined : typeof e.comps === 'string' ? e.comps : strings(e.comps);
    out.push({ name: e.name, fields, comps, values: Array.isArray(e.values) ? e.values : [] });
  }
  return out;
}

function mergeExceptions(into: RuleException[], more: readonly RuleException[]): string | undefined {
  for (const exc of more) {
    const i = into.findIndex((e) => e.name === exc.name);
    if (i >= 0) into[i] = { ...into[i]!, values: [...into[i]!.values, ...exc.values] };
    else if (exc.fields.length === 0) return `exception ${exc.name}: appended to, but not defined`;
    else into.push(exc);
  }
  return undefined;
}

/** Applies one top-level item of a rules file to `state`; returns a problem, if any. */
export function applyItem(state: RulesState, raw: unknown, place: ItemPlace): Problem {
  // A bare `-` is an empty item: Falco skips it (its own 2023 k8s_audit rules have one).
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { message: 'Unexpected element' };
  const item = raw as Item;
  if ('required_engine_version' in item || 'required_plugin_versions' in item) return undefined;
  if (typeof item.list === 'string') return applyList(state, item);
  if (typeof item.macro === 'string') return applyMacro(state, item, place);
  if (typeof item.rule === 'string') return applyRule(state, item, place);
  if (typeof item.correlation === 'string') return applyCorrelation(state, item, place);
  return { message: `Unknown top level item: ${Object.keys(item).join(', ')}` };
}

function applyList(state: RulesState, item: Item): Problem {
  const name = item.list as string;
  const ov = overrides(item, `list ${name}`);
  if (typeof ov === 'string') return { message: ov };
  const items = strings(item.items);
  const existing = state.lists.get(name);
  if (item.append === true || ov !== undefined) {
    if (existing === undefined)
      return { message: `List ${name} has 'append' or 'override' but no list by that name` };
    if (item.append === true || ov?.get('items') === 'append') existing.items.push(...items);
    else if (ov?.get('items') === 'replace') state.lists.set(name, { items });
    return undefined;
  }
  if (!Array.isArray(item.items)) return { message: `List ${name}: 'items' must be a list` };
  state.lists.set(name, { items });
  return undefined;
}

/** The span of an item's `condition`, starting at `start` of the whole condition text. */
function conditionSpan(place: ItemPlace, start: number): TextSpan {
  const pos = place.locate(['condition']);
  return { start, file: place.file, line: pos.line, at: pos.at };
}

function applyMacro(state: RulesState, item: Item, place: ItemPlace): Problem {
  const { file, line } = place;
  const name = item.macro as string;
  const ov = overrides(item, `macro ${name}`);
  if (typeof ov === 'string') return { message: ov };
  const condition = str(item.condition);
  const existing = state.macros.get(name);
  if (item.append === true || ov !== undefined) {
    if (existing === undefined)
      return { message: `Macro ${name} has 'append' or 'override' but no macro by that name` };
    if (item.append === true || ov?.get('condition') === 'append') {
      existing.spans.push(conditionSpan(place, existing.condition.length + 1));
      existing.condition += ` ${condition}`;
    } else if (ov?.get('condition') === 'replace') {
      existing.condition = condition;
      existing.spans = [conditionSpan(place, 0)];
    }
    return undefined;
  }
  if (typeof item.condition !== 'string') return { message: `Macro ${name}: 'condition' is required` };
  state.macros.set(name, { condition, spans: [conditionSpan(place, 0)], file, line });
  return undefined;
}

function applyRule(state: RulesState, item: Item, place: ItemPlace): Problem {
  const { file, line } = place;
  const name = item.rule as string;
  const fail = (message: string): Problem => ({ rule: name, message });
  const ov = overrides(item, `rule ${name}`);
  if (typeof ov === 'string') return fail(ov);
  const existing = state.rules.get(name);
  const exceptions = readExceptions(item.exceptions);
  if (typeof exceptions === 'string') return fail(exceptions);
  if (item.priority !== undefined && !PRIORITIES.has(str(item.priority).toLowerCase())) {
    return fail(`Invalid priority ${str(item.priority)}`);
  }

  if (ov !== undefined || item.append === true) {
    if (existing === undefined)
      return fail(`Rule ${name} has 'append' or 'override' but no rule by that name`);
    const how =
      ov ?? new Map([...['condition', 'exceptions'].filter((k) => k in item)].map((k) => [k, 'append']));
    for (const [key, mode] of how) {
      const append = mode === 'append';
      switch (key) {
        case 'condition':
          if (append) existing.conditionSpans.push(conditionSpan(place, existing.condition.length + 1));
          else existing.conditionSpans = [conditionSpan(place, 0)];
          existing.condition = append ? `${existing.condition} ${str(item[key])}` : str(item[key]);
          break;
        case 'output':
        case 'desc':
          existing[key] = append ? `${existing[key]} ${str(item[key])}` : str(item[key]);
          break;
        case 'tags':
          existing.tags = append ? [...existing.tags, ...strings(item.tags)] : strings(item.tags);
          break;
        case 'exceptions': {
          if (!append) existing.exceptions = exceptions;
          else {
            const problem = mergeExceptions(existing.exceptions, exceptions);
            if (problem !== undefined) return fail(problem);
          }
          break;
        }
        case 'priority':
        case 'source':
          existing[key] = str(item[key]);
          break;
        case 'enabled':
          existing.enabled = item.enabled !== false;
          break;
      }
    }
    return undefined;
  }

  // `- rule: X` with `enabled` and no condition toggles an existing rule.
  if (existing !== undefined && item.condition === undefined && 'enabled' in item) {
    existing.enabled = item.enabled !== false;
    return undefined;
  }
  for (const key of ['condition', 'output', 'priority']) {
    if (item[key] === undefined) return fail(`Rule ${name}: '${key}' is required`);
  }
  for (const exc of exceptions) {
    if (exc.fields.length === 0) return fail(`exception ${exc.name}: 'fields' is required`);
  }
  state.rules.set(name, {
    name,
    file,
    line,
    desc: str(item.desc).trim(),
    condition: str(item.condition),
    conditionSpans: [conditionSpan(place, 0)],
    output: str(item.output).trim(),
    priority: str(item.priority),
    source: item.source === undefined ? 'syscall' : str(item.source),
    tags: strings(item.tags),
    enabled: item.enabled !== false,
    exceptions,
  });
  return undefined;
}

function applyCorrelation(state: RulesState, item: Item, place: ItemPlace): Problem {
  const name = item.correlation as string;
  const fail = (message: string, line?: number): Problem => ({
    correlation: name,
    message,
    ...(line === undefined ? {} : { line }),
  });
  if (item.append !== undefined || item.override !== undefined) {
    return fail(
      `Correlation ${JSON.stringify(name)}: 'append' and 'override' are not supported for correlations; ` +
        "redefine it in full under the same name, or disable it with 'enabled: false'",
    );
  }
  // `- correlation: X` + `enabled` alone toggles an existing one, as for rules.
  const existing = state.correlations.get(name);
  const keys = Object.keys(item);
  if (existing !== undefined && keys.length === 2 && 'enabled' in item) {
    existing.enabled = item.enabled !== false;
    return undefined;
  }
  const def = readCorrelation(item, place.file, place.line, PRIORITIES, place.locate);
  if ('message' in def) return fail(def.message, def.line);
  state.correlations.set(name, def);
  return undefined;
}
